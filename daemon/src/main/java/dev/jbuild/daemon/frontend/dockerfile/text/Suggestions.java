package dev.jbuild.daemon.frontend.dockerfile.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions as BuildKit's util/suggest: the closest option within edit distance 2. */
public final class Suggestions {
  private Suggestions() {}

  /** The closest option, in the case of {@code value} when not case-sensitive; empty on an exact match. */
  public static Optional<String> closest(String value, Collection<String> options, boolean caseSensitive) {
    String val = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
    String match = null;
    int minDist = 3;
    for (String option : options) {
      String opt = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
      if (opt.equals(val)) {
        return Optional.empty();
      }
      int dist = distance(val, opt);
      if (dist < minDist) {
        minDist = dist;
        match = caseSensitive ? opt : matchCase(opt, value);
      }
    }
    return Optional.ofNullable(match);
  }

  /** {@code message} plus " (did you mean X?)" when there is a close option. */
  public static String withSuggestion(String message, String value, Collection<String> options,
      boolean caseSensitive) {
    return closest(value, options, caseSensitive).map(m -> message + " (did you mean " + m + "?)")
        .orElse(message);
  }

  private static String matchCase(String lowerOption, String original) {
    return original.equals(original.toUpperCase(Locale.ROOT))
        ? lowerOption.toUpperCase(Locale.ROOT) : lowerOption;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

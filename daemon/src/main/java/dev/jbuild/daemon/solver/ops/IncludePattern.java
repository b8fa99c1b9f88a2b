package dev.jbuild.daemon.solver.ops;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A COPY --parents include pattern, matched component by component as fsutil's include patterns are: each
 * component is a Go filepath.Match pattern, {@code **} stands for any number of components (none too), and a
 * path that is a prefix of what the pattern may match is a partial match (a directory to walk into).
 */
final class IncludePattern {
  enum Match { NONE, PARTIAL, FULL }

  private static final String ANY_DEPTH = "**";

  private final List<String> parts = new ArrayList<>();
  private final List<PathMatcher> matchers = new ArrayList<>();

  /** @param pattern relative, "/"-separated (a trailing "/" is ignored) */
  IncludePattern(String pattern) {
    for (String part : pattern.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      parts.add(part);
      matchers.add(part.equals(ANY_DEPTH) ? null
          : FileSystems.getDefault().getPathMatcher("glob:" + Wildcards.toJavaGlob(part)));
    }
  }

  /** Whether the pattern is empty ("./"): everything is included. */
  boolean matchesEverything() {
    return parts.isEmpty();
  }

  /** How {@code path} (relative, "/"-separated) matches. */
  Match match(String path) {
    String[] names = path.isEmpty() ? new String[0] : path.split("/");
    return match(0, names, 0);
  }

  private Match match(int i, String[] names, int j) {
    if (j == names.length) {
      for (int k = i; k < parts.size(); k++) {
        if (!parts.get(k).equals(ANY_DEPTH)) {
          return Match.PARTIAL;
        }
      }
      return Match.FULL;
    }
    if (i == parts.size()) {
      return Match.NONE;
    }
    if (matchers.get(i) == null) {
      Match skipIt = match(i + 1, names, j);
      if (skipIt == Match.FULL) {
        return skipIt;
      }
      Match consume = match(i, names, j + 1);
      return consume.compareTo(skipIt) > 0 ? consume : skipIt;
    }
    if (!matchers.get(i).matches(Path.of(names[j]))) {
      return Match.NONE;
    }
    return match(i + 1, names, j + 1);
  }
}

package dev.jbuild.daemon.frontend.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code # check=} parser directive (BuildKit's linter.ParseLintOptions): which build checks to skip,
 * which experimental ones to run, and whether a check that fires fails the build. The conversion applies
 * it; the parser only reads it. Example: {@code # check=skip=JSONArgsRecommended,StageNameCasing;error=true}.
 *
 * @param skipAll           {@code skip=all}
 * @param skipRules         the rules named by {@code skip=}
 * @param experimentalAll   {@code experimental=all}
 * @param experimentalRules the experimental rules named by {@code experimental=}
 * @param error             {@code error=true}: warnings from checks fail the build
 */
public record CheckDirective(boolean skipAll, List<String> skipRules, boolean experimentalAll,
    List<String> experimentalRules, boolean error) {
  /** No directive: every stable check runs and only warns. */
  public static final CheckDirective NONE = new CheckDirective(false, List.of(), false, List.of(), false);

  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  public CheckDirective {
    skipRules = List.copyOf(skipRules);
    experimentalRules = List.copyOf(experimentalRules);
  }

  /** Parses the directive's value: up to three {@code key=value} parts separated by {@code ;}. */
  public static CheckDirective parse(String value) throws IllegalArgumentException {
    String text = value.strip();
    if (text.isEmpty()) {
      return NONE;
    }
    boolean skipAll = false;
    boolean experimentalAll = false;
    boolean error = false;
    List<String> skip = List.of();
    List<String> experimental = List.of();
    for (String part : text.split(";", 3)) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("invalid check option \"" + part + "\"");
      }
      String key = part.substring(0, eq).strip();
      String v = part.substring(eq + 1).strip();
      switch (key) {
        case "skip" -> {
          skipAll = v.equals("all");
          skip = skipAll ? List.of() : rules(v);
        }
        case "experimental" -> {
          experimentalAll = v.equals("all");
          experimental = experimentalAll ? List.of() : rules(v);
        }
        case "error" -> error = bool(v, part);
        default -> throw new IllegalArgumentException("invalid check option \"" + key
            + "\" (expected skip=, experimental= or error=)");
      }
    }
    return new CheckDirective(skipAll, skip, experimentalAll, experimental, error);
  }

  /** Whether the directive turns off the named check. */
  public boolean skips(String rule) {
    return skipAll || skipRules.contains(rule);
  }

  private static List<String> rules(String list) {
    List<String> out = new ArrayList<>();
    for (String rule : list.split(",", -1)) {
      out.add(rule.strip());
    }
    return out;
  }

  private static boolean bool(String v, String part) {
    if (TRUE.contains(v)) {
      return true;
    }
    if (FALSE.contains(v)) {
      return false;
    }
    throw new IllegalArgumentException("failed to parse check option \"" + part + "\": \"" + v
        + "\" is not a boolean (use true or false)");
  }
}

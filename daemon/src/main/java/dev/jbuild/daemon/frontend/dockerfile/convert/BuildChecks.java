package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.parser.CheckDirective;
import dev.jbuild.daemon.frontend.dockerfile.text.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The build checks jbuild runs, by BuildKit's rule names and messages (its linter), under the file's
 * {@code # check=} directive: a skipped rule says nothing, and with {@code error=true} any rule that fired
 * fails the conversion once it is done ({@link #failIfViolated}). Lifecycle: one per conversion; report
 * while converting, then read {@link #warnings} or fail.
 */
final class BuildChecks {
  static final String FROM_AS_CASING = "FromAsCasing";
  static final String UNDEFINED_VAR = "UndefinedVar";
  /** Arguments BuildKit reads itself; never reported as undefined. */
  private static final Set<String> NON_ENV_ARGS = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");

  private final CheckDirective directive;
  private final List<Conversion.Warning> warnings = new ArrayList<>();
  private final Set<String> violated = new LinkedHashSet<>();
  private int firstLine;

  BuildChecks(CheckDirective directive) {
    this.directive = directive;
  }

  /** FromAsCasing: {@code FROM x as y} or {@code from x AS y}; a FROM of mixed case is another rule's. */
  void fromAsCasing(Instruction.From from) {
    String keyword = from.source().keyword();
    String as = from.asKeyword();
    if (as.isEmpty()) {
      return;
    }
    boolean lower = keyword.toLowerCase(Locale.ROOT).equals(keyword);
    boolean upper = keyword.toUpperCase(Locale.ROOT).equals(keyword);
    if (!lower && !upper) {
      return;
    }
    String expected = lower ? as.toLowerCase(Locale.ROOT) : as.toUpperCase(Locale.ROOT);
    if (!expected.equals(as)) {
      report(FROM_AS_CASING, "'" + as + "' and '" + keyword + "' keywords' casing do not match",
          from.source().startLine());
    }
  }

  /**
   * UndefinedVar: variables an instruction used that were neither set nor declared by an ARG of the stage,
   * with a "did you mean" from the variables that are set.
   */
  void undefinedVars(Collection<String> unmatched, Collection<String> declaredArgs, Collection<String> defined,
      int line) {
    for (String name : unmatched) {
      if (declaredArgs.contains(name) || NON_ENV_ARGS.contains(name)) {
        continue;
      }
      String message = "Usage of undefined variable '$" + name + "'";
      message += Suggestions.closest(name, defined, true).map(m -> " (did you mean $" + m + "?)").orElse("");
      report(UNDEFINED_VAR, message, line);
    }
  }

  private void report(String rule, String message, int line) {
    if (directive.skips(rule)) {
      return;
    }
    if (violated.isEmpty()) {
      firstLine = line;
    }
    violated.add(rule);
    warnings.add(new Conversion.Warning(rule + ": " + message, line));
  }

  List<Conversion.Warning> warnings() {
    return List.copyOf(warnings);
  }

  /** With {@code # check=error=true}: BuildKit's error, placed at the first violation. */
  void failIfViolated() throws DockerfileError {
    if (directive.error() && !violated.isEmpty()) {
      throw new DockerfileError(firstLine, "lint violation found for rules: " + String.join(", ", violated));
    }
  }
}

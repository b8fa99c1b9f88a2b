package dev.jbuild.daemon.frontend;

import java.util.List;

/** A parsed Dockerfile as {@code jbuild debug parse} shows it: BuildKit's AST dump and the parser's warnings. */
public record ParseResult(String dump, List<FrontendWarning> warnings) {
  public ParseResult {
    warnings = List.copyOf(warnings);
  }
}

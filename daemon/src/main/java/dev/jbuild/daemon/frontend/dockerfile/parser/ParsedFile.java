package dev.jbuild.daemon.frontend.dockerfile.parser;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed Dockerfile: its instructions in file order, the escape character in force, and the parser
 * directives it declared ({@code syntax} is recorded, not acted on: a warning says so; {@code check} is for
 * the conversion's build checks).
 */
public record ParsedFile(List<Node> instructions, char escapeToken, String syntax,
    List<ParseWarning> warnings, CheckDirective check) {

  public ParsedFile {
    instructions = List.copyOf(instructions);
    warnings = List.copyOf(warnings);
  }

  /** A file without a {@code # check=} directive. */
  public ParsedFile(List<Node> instructions, char escapeToken, String syntax, List<ParseWarning> warnings) {
    this(instructions, escapeToken, syntax, warnings, CheckDirective.NONE);
  }

  /** The AST dump in BuildKit's format: one line per instruction, each ending in a newline. */
  public String dump() {
    return instructions.stream().map(n -> "(" + n.dump() + ")\n").collect(Collectors.joining());
  }
}

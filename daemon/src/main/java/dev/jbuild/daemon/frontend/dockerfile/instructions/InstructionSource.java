package dev.jbuild.daemon.frontend.dockerfile.instructions;

import java.util.Locale;

/**
 * Where an instruction came from: its keyword as written, its source text (continuations joined, trimmed;
 * progress names and ONBUILD triggers are made from it) and its lines.
 */
public record InstructionSource(String keyword, String code, int startLine, int endLine) {
  /** The keyword upper-cased, as messages and history print it. */
  public String name() {
    return keyword.toUpperCase(Locale.ROOT);
  }
}

package dev.jbuild.daemon.frontend.dockerfile.instructions;

/** An instruction that does not validate; the parser adds the line. */
final class InstructionException extends Exception {
  InstructionException(String message) {
    super(message);
  }
}

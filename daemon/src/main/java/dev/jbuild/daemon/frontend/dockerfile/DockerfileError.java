package dev.jbuild.daemon.frontend.dockerfile;

/**
 * A problem with the Dockerfile found by the parser, the instruction layer or the conversion: a message a
 * user can act on and the 1-based line of the instruction it concerns (0 when no one line is to blame, e.g.
 * an empty file or a --target naming no stage). The frontend adds the file name.
 */
public final class DockerfileError extends Exception {
  private final int line;

  public DockerfileError(int line, String message) {
    super(message);
    this.line = line;
  }

  public DockerfileError(int line, String message, Throwable cause) {
    super(message, cause);
    this.line = line;
  }

  /** 1-based line of the instruction; 0 when the error has no line. */
  public int line() {
    return line;
  }

  /** The same error placed on a line (keeps an existing line). */
  public DockerfileError atLine(int newLine) {
    return line > 0 ? this : new DockerfileError(newLine, getMessage(), getCause());
  }
}

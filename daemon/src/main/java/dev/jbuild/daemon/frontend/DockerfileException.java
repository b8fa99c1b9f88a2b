package dev.jbuild.daemon.frontend;

/** A Dockerfile the frontend cannot convert; the message reads "Dockerfile:LINE: message" with the user's file name. */
public final class DockerfileException extends Exception {
  private final String file;
  private final int line;
  private final String detail;

  public DockerfileException(String file, int line, String detail) {
    super(line > 0 ? file + ":" + line + ": " + detail : file + ": " + detail);
    this.file = file;
    this.line = line;
    this.detail = detail;
  }

  public String file() {
    return file;
  }

  /** 1-based line; 0 when the error concerns no one line. */
  public int line() {
    return line;
  }

  /** The message without file and line. */
  public String detail() {
    return detail;
  }
}

package dev.jbuild.daemon.build;

/** A build that did not produce its outputs, with a message for the user and what kind of failure it was. */
public final class BuildFailure extends Exception {

  /** Mapped to gRPC status codes by the control service. */
  public enum Kind { INVALID_INPUT, NOT_FOUND, FAILED, CANCELLED, UNSUPPORTED }

  private final Kind kind;

  public BuildFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public BuildFailure(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}

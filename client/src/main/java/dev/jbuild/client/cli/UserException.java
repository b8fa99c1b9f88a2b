package dev.jbuild.client.cli;

/** An error the user can act on; Main prints its message as "ERROR: ..." and exits 1. */
public final class UserException extends Exception {

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}

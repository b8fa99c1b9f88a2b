package dev.jbuild.daemon.solver;

/**
 * A step failed for a reason the user can act on (a missing source file, an op not supported yet). The
 * message is user-facing; the solver prefixes the vertex's Dockerfile location.
 */
public class StepException extends Exception {
  public StepException(String message) {
    super(message);
  }

  public StepException(String message, Throwable cause) {
    super(message, cause);
  }
}

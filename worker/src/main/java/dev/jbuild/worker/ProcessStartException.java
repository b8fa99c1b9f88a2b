package dev.jbuild.worker;

import java.io.IOException;

/**
 * The process of a step could not be started: an unknown user, a missing executable, a working directory
 * that is a file. The message is written for the user who wrote the step.
 */
public final class ProcessStartException extends IOException {
  public ProcessStartException(String message) {
    super(message);
  }

  public ProcessStartException(String message, Throwable cause) {
    super(message, cause);
  }
}

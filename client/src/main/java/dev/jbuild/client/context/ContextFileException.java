package dev.jbuild.client.context;

import java.io.IOException;

/** A context file that could not be read or vanished while it was being sent; the message names it. */
public final class ContextFileException extends IOException {

  public ContextFileException(String message, Throwable cause) {
    super(message, cause);
  }
}

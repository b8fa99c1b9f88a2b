package dev.jbuild.daemon.frontend;

/** A base image that cannot be resolved; the message is shown to the user after "FROM ref: ". */
public final class ImageResolveException extends Exception {
  public ImageResolveException(String message) {
    super(message);
  }

  public ImageResolveException(String message, Throwable cause) {
    super(message, cause);
  }
}

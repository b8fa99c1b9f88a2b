package dev.jbuild.daemon.registry;

/** A registry that cannot give what was asked; the message names the registry or image and what went wrong. */
public class RegistryException extends Exception {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.jbuild.client.credentials;

/** The client's credentials cannot be read: the message names the file or the credential helper at fault. */
public final class CredentialsException extends Exception {
  public CredentialsException(String message) {
    super(message);
  }

  public CredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}

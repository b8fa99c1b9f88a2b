package dev.jbuild.daemon.registry;

/**
 * A registry said no to a request (401 or 403, or its token service refused to issue a token). Thrown by a
 * {@link RegistryTransport} attempt and turned by {@link CredentialsOnDemand} into a retry with the client's
 * credentials or into a message naming the registry; it never leaves this package.
 */
final class RegistryRefusedException extends RegistryException {

  /** What the registry refused. */
  enum Reason {
    /** Who is asking: no credentials where it requires some, or credentials it does not accept. */
    AUTHENTICATION,
    /** What is asked for: the caller (anonymous or logged in) may not read the repository, or it does not exist. */
    ACCESS
  }

  private final Reason reason;

  RegistryRefusedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}

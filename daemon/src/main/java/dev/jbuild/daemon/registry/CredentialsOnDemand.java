package dev.jbuild.daemon.registry;

import dev.jbuild.daemon.session.RegistryCredential;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.io.IOException;
import java.util.Optional;

/**
 * Runs one registry request with the build's credentials, asking the client only when needed: anonymous
 * first, unless the client already gave credentials for the registry in this build; when the registry
 * refuses, the client is asked and the request made once more with what it gives. A refusal that remains
 * becomes a message naming the registry and saying what to do.
 */
final class CredentialsOnDemand {

  /** One try of the request, anonymous (empty) or with a credential. */
  interface Attempt<T> {
    T run(Optional<RegistryCredential> credential) throws RegistryException, InterruptedException;
  }

  private CredentialsOnDemand() {}

  static <T> T run(ImageRef image, RegistryCredentials credentials, Attempt<T> attempt)
      throws RegistryException, InterruptedException {
    Optional<RegistryCredential> credential = credentials.given(image.registry());
    if (credential.isEmpty()) {
      try {
        return attempt.run(Optional.empty());
      } catch (RegistryRefusedException anonymous) {
        credential = ask(image, credentials, anonymous);
      }
    }
    try {
      return attempt.run(credential);
    } catch (RegistryRefusedException refused) {
      throw refusedWith(image, credential.get(), refused);
    }
  }

  /** The client's credentials for the image's registry; a message saying what to do when it has none. */
  private static Optional<RegistryCredential> ask(ImageRef image, RegistryCredentials credentials,
      RegistryRefusedException anonymous) throws RegistryException, InterruptedException {
    String host = image.registry();
    Optional<RegistryCredential> credential;
    try {
      credential = credentials.forHost(host);
    } catch (IOException e) {
      throw new RegistryException("registry " + host + " requires credentials for " + image.repository()
          + ", but the client could not give them: " + e.getMessage(), e);
    }
    if (credential.isPresent()) {
      return credential;
    }
    String login = " (" + loginCommand(host) + ")";
    if (anonymous.reason() == RegistryRefusedException.Reason.ACCESS) {
      throw new RegistryException("registry " + host + " refused anonymous access to " + image.repository()
          + ": the image does not exist, or it needs credentials and the client has none" + login, anonymous);
    }
    throw new RegistryException("registry " + host + " requires credentials for " + image.repository()
        + " and the client has none" + login, anonymous);
  }

  private static RegistryException refusedWith(ImageRef image, RegistryCredential credential,
      RegistryRefusedException refused) {
    String host = image.registry();
    if (refused.reason() == RegistryRefusedException.Reason.AUTHENTICATION) {
      return new RegistryException(host + ": authentication failed for " + credential.describe()
          + " (registry refused the credentials)", refused);
    }
    return new RegistryException("registry " + host + " refused " + credential.describe() + " access to "
        + image.repository() + " (the image does not exist, or that login may not pull it)", refused);
  }

  /** How the user logs in: docker login names no registry for Docker Hub. */
  private static String loginCommand(String host) {
    return host.equals("docker.io") ? "docker login" : "docker login " + host;
  }
}

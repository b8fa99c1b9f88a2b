package dev.jbuild.daemon.session;

import java.io.IOException;
import java.util.Optional;

/**
 * The registry credentials of one build: the client's, asked for over its session. The daemon never reads
 * its own host's credential files for a build: on a shared daemon each client pulls as itself.
 *
 * <p>Lifecycle: registry code calls {@link #forHost} only when a registry has refused an anonymous request.
 * The first call for a host asks the client and blocks until it answers; every later call for that host in
 * the same build, from any thread, gets the same answer without asking again. {@link #given} returns what an
 * earlier {@code forHost} answered, without ever asking, so that the build's later requests to that registry
 * carry the credentials at once.
 *
 * <p>Example: {@code FROM 127.0.0.1:5000/app}: the manifest GET is refused (401), so
 * {@code forHost("127.0.0.1:5000")} asks the client, which finds user bob in its {@code ~/.docker/config.json};
 * the GET is repeated as bob, and each layer GET then takes bob from {@code given("127.0.0.1:5000")}.
 */
public interface RegistryCredentials {

  /** No client to ask (calls outside a build session, such as jbuild graph): every registry is anonymous. */
  RegistryCredentials ANONYMOUS = new RegistryCredentials() {
    @Override
    public Optional<RegistryCredential> forHost(String host) {
      return Optional.empty();
    }

    @Override
    public Optional<RegistryCredential> given(String host) {
      return Optional.empty();
    }
  };

  /**
   * The client's credentials for {@code host} (as image names write it: "docker.io", "127.0.0.1:5000"),
   * empty when it has none.
   *
   * @throws IOException when the client cannot give them (its message: a broken config.json, a failing
   *                     credential helper) or the session has ended
   * @throws InterruptedException when the build is cancelled while waiting
   */
  Optional<RegistryCredential> forHost(String host) throws IOException, InterruptedException;

  /** What {@link #forHost} already answered for {@code host} in this build; empty when never asked or none. */
  Optional<RegistryCredential> given(String host);
}

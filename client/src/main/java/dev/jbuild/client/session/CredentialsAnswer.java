package dev.jbuild.client.session;

import dev.jbuild.client.credentials.CredentialsException;
import dev.jbuild.client.credentials.DockerCredentials;
import dev.jbuild.client.credentials.RegistryLogin;
import dev.jbuild.proto.control.ClientMessage;
import dev.jbuild.proto.control.Credentials;
import dev.jbuild.proto.control.SessionError;
import java.util.Optional;

/**
 * Answers one CredentialsRequest on its own thread (a credential helper may take its time, and gRPC's thread
 * must not wait for it): this user's login for the registry, empty Credentials when there is none, or a
 * SessionError naming the config file or helper that failed.
 */
final class CredentialsAnswer implements Runnable {
  private final String requestId;
  private final String host;
  private final DockerCredentials credentials;
  private final OutboundStream out;

  CredentialsAnswer(String requestId, String host, DockerCredentials credentials, OutboundStream out) {
    this.requestId = requestId;
    this.host = host;
    this.credentials = credentials;
    this.out = out;
  }

  /** Starts the answer on a daemon thread (never keeps the JVM alive). */
  void start() {
    Thread t = new Thread(this, "credentials-" + requestId);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void run() {
    try {
      Optional<RegistryLogin> login = credentials.forHost(host);
      Credentials.Builder answer = Credentials.newBuilder().setRequestId(requestId);
      login.ifPresent(l -> answer.setUsername(l.username()).setSecret(l.secret()).setIdentityToken(l.identityToken()));
      out.send(ClientMessage.newBuilder().setCredentials(answer).build());
    } catch (CredentialsException e) {
      error(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error("interrupted while looking for the credentials of " + host);
    } catch (RuntimeException | Error e) {
      // never leave the daemon waiting for an answer that will not come
      error("the jbuild client failed while looking for the credentials of " + host + ": " + e);
    }
  }

  private void error(String message) {
    out.send(ClientMessage.newBuilder().setSessionError(SessionError.newBuilder().setRequestId(requestId)
        .setMessage(message)).build());
  }
}

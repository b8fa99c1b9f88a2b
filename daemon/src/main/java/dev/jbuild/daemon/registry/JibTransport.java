package dev.jbuild.daemon.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.session.RegistryCredential;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place jib-core's registry client is used (PITFALLS.md): its {@link RegistryClient} speaks the
 * registry API (bearer tokens, redirects, HTTPS with HTTP fall-back for loopback registries). Each call gets
 * its own HTTP client ({@link JibHttpClients}, which also keeps manifests as sent), runs on an unbounded pool
 * (a small pool deadlocks jib) and is watched: when the registry sends nothing for the stall timeout, or the
 * caller is interrupted, the client is shut down, which ends jib's blocking I/O and its minute of retries.
 * Requests are anonymous until the registry refuses one ({@link CredentialsOnDemand}); jib is given the
 * client's credential then, never anything from the daemon's own host.
 */
final class JibTransport implements RegistryTransport {
  private static final Logger log = LoggerFactory.getLogger(JibTransport.class);
  private static final String USER_AGENT = "jbuild";

  private final long stallNanos;
  private final RegistryOptions options;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "registry");
    t.setDaemon(true);
    return t;
  });

  JibTransport(RegistryOptions options) {
    this.stallNanos = options.stallTimeout().toNanos();
    this.options = options;
  }

  @Override
  public byte[] manifest(ImageRef image, String reference, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    return CredentialsOnDemand.run(image, credentials, credential ->
        call(image, "fetching manifest " + reference, new AtomicLong(System.nanoTime()), credential,
            (client, bodies) -> {
              Digest digest = Digest.parse(client.pullManifest(reference).getDigest().toString());
              return bodies.withDigest(digest).orElseThrow(() -> new RegistryException(image + ": manifest "
                  + digest + " was read, but not as the registry sent it (a compressed or oversized body?)"));
            }));
  }

  @Override
  public void blob(ImageRef image, Digest digest, OutputStream out, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    AtomicLong progress = new AtomicLong(System.nanoTime());
    // a refused attempt fails on the response's status line, before any byte reaches out
    CredentialsOnDemand.run(image, credentials, credential ->
        call(image, "fetching blob " + digest, progress, credential, (client, bodies) -> {
          client.pullBlob(DescriptorDigest.fromDigest(digest.toString()), size -> progress.set(System.nanoTime()),
              bytes -> progress.set(System.nanoTime())).writeTo(out);
          return null;
        }));
  }

  private interface Work<T> {
    T run(RegistryClient client, ManifestBodies bodies) throws Exception;
  }

  private <T> T call(ImageRef image, String what, AtomicLong progress, Optional<RegistryCredential> credential,
      Work<T> work) throws RegistryException, InterruptedException {
    Endpoint endpoint = Endpoint.of(image.registry(), options);
    long started = System.nanoTime();
    ManifestBodies bodies = new ManifestBodies();
    // credentials go over plain HTTP to loopback registries only, as docker's do
    FailoverHttpClient http = JibHttpClients.create(endpoint.relaxed(), Loopback.is(endpoint.server()),
        event -> log.debug("registry {}: {}", image.registry(), event.getMessage()), bodies,
        () -> progress.set(System.nanoTime()));
    AtomicBoolean tokenAuth = new AtomicBoolean();
    Callable<T> task = () -> {
      RegistryClient client = RegistryClient.factory(EventHandlers.NONE, endpoint.server().toString(),
          image.repository(), http).setUserAgent(USER_AGENT).setCredential(credential.map(JibTransport::jib)
          .orElse(null)).newRegistryClient();
      // a token (anonymous without a credential) when the registry asks for one; else Basic auth, if any
      // (an identity token is only good for a token service)
      tokenAuth.set(client.doPullBearerAuth());
      if (!tokenAuth.get() && credential.isPresent() && !credential.get().hasIdentityToken()) {
        client.configureBasicAuth();
      }
      return work.run(client, bodies);
    };
    Future<T> future = pool.submit(task);
    long poll = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(stallNanos), 250));
    try {
      while (true) {
        try {
          return future.get(poll, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          failIfUntrusted(image, endpoint, started);
          if (System.nanoTime() - progress.get() > stallNanos) {
            throw new RegistryException(image + ": registry " + image.registry() + " sent nothing for "
                + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s while " + what
                + " (is it down or unreachable?)");
          }
        }
      }
    } catch (ExecutionException e) {
      failIfUntrusted(image, endpoint, started);
      throw failure(image, what, e.getCause(), tokenAuth.get());
    } finally {
      future.cancel(true);
      try {
        http.shutDown();
      } catch (Exception e) {
        log.debug("closing the HTTP client of {}: {}", image.registry(), e.getMessage());
      }
    }
  }

  /** A credential as jib takes it: an identity token is an OAuth2 refresh token under jib's marker name. */
  private static Credential jib(RegistryCredential c) {
    return c.hasIdentityToken() ? Credential.from(Credential.OAUTH2_TOKEN_USER_NAME, c.identityToken())
        : Credential.from(c.username(), c.secret());
  }

  private static RegistryException failure(ImageRef image, String what, Throwable cause, boolean tokenAuth) {
    if (cause instanceof RegistryException ours) {
      return ours;
    }
    for (Throwable c = cause; c != null; c = c.getCause()) { // pullBlob wraps them in IOException
      if (c instanceof RegistryAuthenticationFailedException) {
        return new RegistryRefusedException(RegistryRefusedException.Reason.AUTHENTICATION,
            image + ": the token service of " + image.registry() + " refused to authenticate", c);
      }
      if (c instanceof RegistryUnauthorizedException u) {
        int status = u.getCause() instanceof ResponseException r ? r.getStatusCode() : 401;
        // 403, or 401 to a request with a token, is about the repository; another 401 about who asks
        var reason = status == 403 || tokenAuth ? RegistryRefusedException.Reason.ACCESS
            : RegistryRefusedException.Reason.AUTHENTICATION;
        return new RegistryRefusedException(reason, image + ": registry " + image.registry() + " refused "
            + what + " (HTTP " + status + ")", c);
      }
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new RegistryException(image + ": " + what + " from " + image.registry() + ": " + message, cause);
  }

  /**
   * Fails when the endpoint's certificate was rejected during this call and nothing will fall back from it:
   * jib would retry the handshake for a minute and then report no certificate.
   */
  private static void failIfUntrusted(ImageRef image, Endpoint endpoint, long since) throws RegistryException {
    Optional<String> reason = endpoint.relaxed() ? Optional.empty() : TlsFailures.since(endpoint.tlsPeer(), since);
    if (reason.isPresent()) {
      throw new RegistryException(image + ": registry " + image.registry() + " sent a TLS certificate that is"
          + " not trusted (" + reason.get() + "); add its CA certificate to ca = [...] in [registry.\""
          + image.registry() + "\"] of the daemon config (or set insecure = true there)");
    }
  }
}

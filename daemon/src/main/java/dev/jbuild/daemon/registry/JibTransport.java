package dev.jbuild.daemon.registry;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.jbuild.content.Digest;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place jib-core's registry client is used (PITFALLS.md): its {@link RegistryClient} speaks the
 * registry API (bearer tokens, redirects, HTTPS with HTTP fall-back for loopback registries). Each call gets
 * its own HTTP client ({@link JibHttpClients}, which also keeps manifests as sent), runs on an unbounded pool
 * (a small pool deadlocks jib) and is watched: when the registry sends nothing for the stall timeout, or the
 * caller is interrupted, the client is shut down, which ends jib's blocking I/O and its minute of retries.
 */
final class JibTransport implements RegistryTransport {
  private static final Logger log = LoggerFactory.getLogger(JibTransport.class);
  private static final String USER_AGENT = "jbuild";

  private final long stallNanos;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "registry");
    t.setDaemon(true);
    return t;
  });

  JibTransport(RegistryOptions options) {
    this.stallNanos = options.stallTimeout().toNanos();
  }

  @Override
  public byte[] manifest(ImageRef image, String reference) throws RegistryException, InterruptedException {
    return call(image, "fetching manifest " + reference, new AtomicLong(System.nanoTime()), (client, bodies) -> {
      Digest digest = Digest.parse(client.pullManifest(reference).getDigest().toString());
      return bodies.withDigest(digest).orElseThrow(() -> new RegistryException(image + ": manifest " + digest
          + " was read, but not as the registry sent it (a compressed or oversized body?)"));
    });
  }

  @Override
  public void blob(ImageRef image, Digest digest, OutputStream out) throws RegistryException, InterruptedException {
    AtomicLong progress = new AtomicLong(System.nanoTime());
    call(image, "fetching blob " + digest, progress, (client, bodies) -> {
      client.pullBlob(DescriptorDigest.fromDigest(digest.toString()), size -> progress.set(System.nanoTime()),
          bytes -> progress.set(System.nanoTime())).writeTo(out);
      return null;
    });
  }

  private interface Work<T> {
    T run(RegistryClient client, ManifestBodies bodies) throws Exception;
  }

  private <T> T call(ImageRef image, String what, AtomicLong progress, Work<T> work)
      throws RegistryException, InterruptedException {
    ManifestBodies bodies = new ManifestBodies();
    FailoverHttpClient http = JibHttpClients.create(Loopback.is(image.registry()),
        event -> log.debug("registry {}: {}", image.registry(), event.getMessage()), bodies,
        () -> progress.set(System.nanoTime()));
    Callable<T> task = () -> {
      RegistryClient client = RegistryClient.factory(EventHandlers.NONE, serverUrl(image.registry()),
          image.repository(), http).setUserAgent(USER_AGENT).newRegistryClient();
      client.doPullBearerAuth(); // anonymous token when the registry asks for one; nothing when it does not
      return work.run(client, bodies);
    };
    Future<T> future = pool.submit(task);
    long poll = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(stallNanos), 250));
    try {
      while (true) {
        try {
          return future.get(poll, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (System.nanoTime() - progress.get() > stallNanos) {
            throw new RegistryException(image + ": registry " + image.registry() + " sent nothing for "
                + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s while " + what
                + " (is it down or unreachable?)");
          }
        }
      }
    } catch (ExecutionException e) {
      throw failure(image, what, e.getCause());
    } finally {
      future.cancel(true);
      try {
        http.shutDown();
      } catch (Exception e) {
        log.debug("closing the HTTP client of {}: {}", image.registry(), e.getMessage());
      }
    }
  }

  private static RegistryException failure(ImageRef image, String what, Throwable cause) {
    if (cause instanceof RegistryException ours) {
      return ours;
    }
    if (cause instanceof RegistryUnauthorizedException) {
      return new RegistryException(image + ": registry " + image.registry() + " refused access to "
          + image.repository() + " (the image does not exist, or needs credentials, which jbuild cannot send yet)",
          cause);
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new RegistryException(image + ": " + what + " from " + image.registry() + ": " + message, cause);
  }

  /** Docker Hub's API lives at registry-1.docker.io (as docker and jib resolve it). */
  private static String serverUrl(String registry) {
    return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
  }
}

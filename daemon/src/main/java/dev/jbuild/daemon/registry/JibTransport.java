package dev.jbuild.daemon.registry;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.diff.MediaTypes;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The one place jib-core is used (PITFALLS.md): its {@link RegistryClient} speaks the registry API (bearer
 * tokens, redirects, HTTPS with HTTP fall-back for loopback registries). Each call gets its own HTTP client,
 * runs on an unbounded pool (a small pool deadlocks jib) and is watched: when the registry sends nothing for
 * the stall timeout, or the caller is interrupted, the client is shut down, which ends jib's blocking I/O and
 * its minute of retries.
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
  public RemoteManifest manifest(ImageRef image, String reference) throws RegistryException, InterruptedException {
    return call(image, "fetching manifest " + reference, new AtomicLong(System.nanoTime()), client -> {
      ManifestAndDigest<ManifestTemplate> got = client.pullManifest(reference);
      return converted(image, got);
    });
  }

  @Override
  public void blob(ImageRef image, Digest digest, OutputStream out) throws RegistryException, InterruptedException {
    AtomicLong progress = new AtomicLong(System.nanoTime());
    call(image, "fetching blob " + digest, progress, client -> {
      client.pullBlob(DescriptorDigest.fromDigest(digest.toString()), size -> progress.set(System.nanoTime()),
          bytes -> progress.set(System.nanoTime())).writeTo(out);
      return null;
    });
  }

  private interface Work<T> {
    T run(RegistryClient client) throws Exception;
  }

  private <T> T call(ImageRef image, String what, AtomicLong progress, Work<T> work)
      throws RegistryException, InterruptedException {
    Endpoint endpoint = Endpoint.of(image.registry(), options);
    long started = System.nanoTime();
    FailoverHttpClient http = new FailoverHttpClient(endpoint.relaxed(), false,
        event -> log.debug("registry {}: {}", image.registry(), event.getMessage()));
    Callable<T> task = () -> {
      RegistryClient client = RegistryClient.factory(EventHandlers.NONE, endpoint.server().toString(),
          image.repository(), http).setUserAgent(USER_AGENT).newRegistryClient();
      client.doPullBearerAuth(); // anonymous token when the registry asks for one; nothing when it does not
      return work.run(client);
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

  private static RemoteManifest converted(ImageRef image, ManifestAndDigest<ManifestTemplate> got)
      throws RegistryException {
    Digest digest = Digest.parse(got.getDigest().toString());
    ManifestTemplate m = got.getManifest();
    if (m instanceof V22ManifestListTemplate list) {
      List<RemoteManifest.Entry> entries = new ArrayList<>();
      for (var e : list.getManifests()) {
        var p = e.getPlatform();
        entries.add(new RemoteManifest.Entry(Digest.parse(e.getDigest()), p == null ? "" : p.getOs(),
            p == null ? "" : p.getArchitecture()));
      }
      return new RemoteManifest.Index(digest, entries);
    }
    if (m instanceof OciIndexTemplate index) {
      List<RemoteManifest.Entry> entries = new ArrayList<>();
      for (var e : index.getManifests()) {
        var p = e.getPlatform();
        entries.add(new RemoteManifest.Entry(Digest.parse(e.getDigest().toString()), p == null ? "" : p.getOs(),
            p == null ? "" : p.getArchitecture()));
      }
      return new RemoteManifest.Index(digest, entries);
    }
    if (m instanceof BuildableManifestTemplate image2) {
      boolean oci = m instanceof OciManifestTemplate;
      // jib's templates drop the layers' media types: the differ sniffs gzip or plain tar itself
      String layerType = oci ? MediaTypes.LAYER_TAR_GZIP : MediaTypes.DOCKER_LAYER_GZIP;
      var c = image2.getContainerConfiguration();
      Descriptor config = new Descriptor(oci ? MediaTypes.IMAGE_CONFIG : MediaTypes.DOCKER_CONFIG,
          Digest.parse(c.getDigest().toString()), c.getSize());
      List<Descriptor> layers = new ArrayList<>();
      for (var l : image2.getLayers()) {
        layers.add(new Descriptor(layerType, Digest.parse(l.getDigest().toString()), l.getSize()));
      }
      return new RemoteManifest.Image(digest, m.getManifestMediaType(), config, layers);
    }
    throw new RegistryException(image + ": the registry sent a " + m.getManifestMediaType()
        + " manifest (schema 1 or unknown); only Docker v2 schema 2 and OCI images can be pulled");
  }
}

package dev.jbuild.daemon.registry;

import dev.jbuild.content.Digest;
import dev.jbuild.daemon.images.ImageName;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a registry's mirrors (the daemon config's {@code mirrors}) before the registry itself, as containerd
 * and BuildKit do: each mirror in order with the same repository path, then the origin. A mirror that fails,
 * is down or does not have what was asked passes the request on to the next. A blob that failed after some of
 * it was written cannot start over elsewhere (its bytes are already in the caller's stream), so that failure
 * ends the call. Each mirror is asked with its own credentials (the client is asked for the mirror's host).
 */
final class MirroredTransport implements RegistryTransport {
  private static final Logger log = LoggerFactory.getLogger(MirroredTransport.class);

  private final RegistryTransport inner;
  private final RegistryOptions options;

  MirroredTransport(RegistryTransport inner, RegistryOptions options) {
    this.inner = inner;
    this.options = options;
  }

  private interface Request<T> {
    T run(ImageRef where) throws RegistryException, InterruptedException;
  }

  @Override
  public byte[] manifest(ImageRef image, String reference, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    return first(image, where -> inner.manifest(where, reference, credentials), () -> true);
  }

  @Override
  public void blob(ImageRef image, Digest digest, OutputStream out, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    WatchedStream watched = new WatchedStream(out);
    first(image, where -> {
      inner.blob(where, digest, watched, credentials);
      return null;
    }, () -> !watched.written);
  }

  private <T> T first(ImageRef image, Request<T> request, java.util.function.BooleanSupplier canPassOn)
      throws RegistryException, InterruptedException {
    List<HostPort> mirrors = mirrorsOf(image);
    List<String> failures = new ArrayList<>();
    for (HostPort mirror : mirrors) {
      ImageRef there = new ImageRef(new ImageName(mirror.toString(), image.repository(), image.name().tag()),
          image.digest());
      try {
        return request.run(there);
      } catch (RegistryException e) {
        if (!canPassOn.getAsBoolean()) {
          throw e;
        }
        log.info("mirror {} of {}: {}; trying the next", mirror, image.registry(), e.getMessage());
        failures.add(mirror + ": " + e.getMessage());
      }
    }
    try {
      return request.run(image);
    } catch (RegistryException e) {
      if (failures.isEmpty()) {
        throw e;
      }
      throw new RegistryException(e.getMessage() + " (after its mirrors: " + String.join("; ", failures) + ")", e);
    }
  }

  private List<HostPort> mirrorsOf(ImageRef image) {
    try {
      return options.settings(HostPort.parse(image.registry())).mirrors();
    } catch (IllegalArgumentException notAHost) {
      return List.of(); // the origin call names the bad registry
    }
  }

  /** Notes whether anything reached the caller's stream. */
  private static final class WatchedStream extends FilterOutputStream {
    volatile boolean written;

    WatchedStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      written = true;
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      written |= len > 0;
      out.write(b, off, len);
    }
  }
}

package dev.jbuild.daemon.registry;

import dev.jbuild.content.Digest;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.http.HttpEntity;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;

/**
 * Copies the bodies of successful manifest GETs as jib reads them, for one registry call: jib turns a
 * manifest into its templates and keeps only the digest of the bytes, while the content store keeps the
 * bytes themselves. The copy whose sha256 is jib's digest is the manifest as the registry sent it.
 * Installed last among the HTTP client's response interceptors, so it sees the body after any
 * Content-Encoding was undone. Thread-safe.
 */
final class ManifestBodies implements HttpResponseInterceptor {
  /** The distribution registry refuses manifests over 4 MiB; a bigger body is not kept. */
  private static final int MAX_BYTES = 4 << 20;

  private final List<byte[]> bodies = new ArrayList<>(); // guarded by this

  @Override
  public void process(HttpResponse response, HttpContext context) {
    HttpRequest request = HttpCoreContext.adapt(context).getRequest();
    HttpEntity entity = response.getEntity();
    if (request == null || entity == null || response.getStatusLine().getStatusCode() != 200
        || !request.getRequestLine().getMethod().equals("GET")
        || !request.getRequestLine().getUri().contains("/manifests/")) {
      return;
    }
    response.setEntity(new HttpEntityWrapper(entity) {
      private InputStream copying;

      @Override
      public synchronized InputStream getContent() throws IOException {
        if (copying == null) {
          copying = new Copying(super.getContent());
        }
        return copying;
      }
    });
  }

  /** The body read whose sha256 is {@code digest}, if one was. */
  synchronized Optional<byte[]> withDigest(Digest digest) {
    for (byte[] b : bodies) {
      if (Digest.of(b).equals(digest)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private synchronized void add(byte[] body) {
    bodies.add(body);
  }

  /** Passes bytes through and keeps a copy, handed over at the end of the stream or when it is closed. */
  private final class Copying extends FilterInputStream {
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private boolean overflow;
    private boolean handedOver;

    Copying(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        handOver();
      } else {
        keep(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n < 0) {
        handOver();
      } else {
        keep(buf, off, n);
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      handOver();
      super.close();
    }

    private void keep(byte[] buf, int off, int n) {
      if (!overflow && copy.size() + n <= MAX_BYTES) {
        copy.write(buf, off, n);
      } else {
        overflow = true;
      }
    }

    private void handOver() {
      if (!handedOver && !overflow) {
        handedOver = true;
        add(copy.toByteArray());
      }
    }
  }
}

package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** jib's client bounded in time, against real sockets that never answer or refuse. */
class JibTransportTest {
  private final JibTransport transport = new JibTransport(new RegistryOptions(Duration.ofSeconds(2)));

  @Test
  void aRegistryThatNeverAnswersFailsWithinTheStallTimeout() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // holds connections open and says nothing
          }
        } catch (Exception done) {
          // closed
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      ImageRef ref = ImageRef.parse("127.0.0.1:" + silent.getLocalPort() + "/app:1");
      long start = System.nanoTime();
      assertThatThrownBy(() -> transport.manifest(ref, "1", RegistryCredentials.ANONYMOUS))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("127.0.0.1:" + silent.getLocalPort()).hasMessageContaining("sent nothing for 2 s");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void aRegistryThatIsDownFailsWithinTheStallTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    ImageRef ref = ImageRef.parse("127.0.0.1:" + port + "/app:1");
    long start = System.nanoTime();
    assertThatThrownBy(() -> transport.manifest(ref, "1", RegistryCredentials.ANONYMOUS))
        .isInstanceOf(RegistryException.class).hasMessageContaining("127.0.0.1:" + port);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void aManifestComesBackAsTheRegistrySentItEvenGzipped() throws Exception {
    byte[] manifest = ("{\n   \"schemaVersion\": 2,\n   \"mediaType\": "
        + "\"application/vnd.docker.distribution.manifest.v2+json\",\n   \"config\": {\"mediaType\": "
        + "\"application/vnd.docker.container.image.v1+json\", \"size\": 2, \"digest\": \"sha256:"
        + "1".repeat(64) + "\"},\n   \"layers\": []\n}").getBytes(StandardCharsets.UTF_8);
    try (RegistryDouble registry = new RegistryDouble(manifest)) {
      ImageRef ref = ImageRef.parse("127.0.0.1:" + registry.port() + "/app:1");
      assertThat(transport.manifest(ref, "1", RegistryCredentials.ANONYMOUS)).isEqualTo(manifest);
    }
  }

  /**
   * A registry double on a raw socket: answers TLS with a 400 as Go's HTTP servers do (so jib falls back to
   * HTTP at once), the API probe with 200 and /v2/app/manifests/1 with the manifest, gzip-encoded.
   */
  private static final class RegistryDouble implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final byte[] manifest;

    RegistryDouble(byte[] manifest) throws IOException {
      this.manifest = manifest;
      Thread t = new Thread(this::serve, "registry-double");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      while (true) {
        try (Socket s = server.accept()) {
          InputStream in = new BufferedInputStream(s.getInputStream());
          OutputStream out = s.getOutputStream();
          in.mark(1);
          if (in.read() == 0x16) {
            out.write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            continue;
          }
          in.reset();
          String requestLine = new String(readHead(in), StandardCharsets.US_ASCII).split("\r\n")[0];
          String path = requestLine.split(" ")[1];
          if (path.equals("/v2/app/manifests/1")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(body)) {
              gz.write(manifest);
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.distribution.manifest.v2+json"
                + "\r\nContent-Encoding: gzip\r\nContent-Length: " + body.size() + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            body.writeTo(out);
          } else {
            String status = path.equals("/v2/") ? "200 OK" : "404 Not Found";
            out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
          }
        } catch (IOException e) {
          if (server.isClosed()) {
            return;
          }
        }
      }
    }

    private static byte[] readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("request ended early");
        }
        head.write(b);
        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toByteArray();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}

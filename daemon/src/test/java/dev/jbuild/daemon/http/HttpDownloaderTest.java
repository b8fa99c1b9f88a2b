package dev.jbuild.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real HTTP server on a loopback port (the JDK's, serving fixed files: a test server). */
class HttpDownloaderTest {
  private static final byte[] BODY = "#!/bin/sh\necho downloaded\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private HttpServer server;
  private ContentStore store;
  private HttpDownloader downloader;
  private final AtomicReference<String> authorization = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/tool.sh", x -> {
      authorization.set(x.getRequestHeaders().getFirst("Authorization"));
      x.getResponseHeaders().add("Last-Modified", "Tue, 15 Nov 1994 08:12:31 GMT");
      x.sendResponseHeaders(200, BODY.length);
      try (OutputStream o = x.getResponseBody()) {
        o.write(BODY);
      }
    });
    server.createContext("/moved", x -> {
      x.getResponseHeaders().add("Location", "/tool.sh");
      x.sendResponseHeaders(302, -1);
      x.close();
    });
    server.createContext("/missing", x -> {
      x.sendResponseHeaders(404, -1);
      x.close();
    });
    server.start();
    store = ContentStore.local(tmp.resolve("content"));
    downloader = new HttpDownloader(store);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void theBodyLandsInTheStoreUnderItsDigestWithLastModified() throws Exception {
    HttpDownloader.Download d = downloader.fetch(url("/tool.sh"), Optional.empty());
    assertThat(d.digest()).isEqualTo(Digest.of(BODY));
    assertThat(d.size()).isEqualTo(BODY.length);
    assertThat(d.lastModified()).contains(Instant.parse("1994-11-15T08:12:31Z"));
    try (InputStream in = store.open(d.digest())) {
      assertThat(in.readAllBytes()).isEqualTo(BODY);
    }
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    assertThat(downloader.fetch(url("/moved"), Optional.empty()).digest()).isEqualTo(Digest.of(BODY));
  }

  @Test
  void aMatchingChecksumPassesAndAnotherIsRefusedWithBothDigests() throws Exception {
    assertThat(downloader.fetch(url("/tool.sh"), Optional.of(Digest.of(BODY))).digest()).isEqualTo(Digest.of(BODY));
    Digest wrong = Digest.of("something else");
    assertThatThrownBy(() -> downloader.fetch(url("/tool.sh"), Optional.of(wrong)))
        .isInstanceOf(IOException.class)
        .hasMessage("digest mismatch for " + url("/tool.sh") + ": " + Digest.of(BODY) + " (expected: " + wrong + ")");
  }

  @Test
  void aBadStatusNamesTheUrl() {
    assertThatThrownBy(() -> downloader.fetch(url("/missing"), Optional.empty()))
        .isInstanceOf(IOException.class).hasMessage("GET " + url("/missing") + ": invalid response status 404");
  }

  @Test
  void credentialsInTheUrlAreSentAndNeverShown() throws Exception {
    String withCredentials = url("/tool.sh").replace("http://", "http://user:s3cret@");
    downloader.fetch(withCredentials, Optional.empty());
    assertThat(authorization.get()).isEqualTo("Basic dXNlcjpzM2NyZXQ=");
    String missing = url("/missing").replace("http://", "http://user:s3cret@");
    assertThatThrownBy(() -> downloader.fetch(missing, Optional.empty()))
        .hasMessageNotContaining("s3cret").hasMessageContaining("xxxxx@127.0.0.1");
  }

  @Test
  void nobodyListeningIsAnError() throws Exception {
    String dead;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = "http://127.0.0.1:" + s.getLocalPort() + "/x";
    }
    String url = dead;
    assertThatThrownBy(() -> downloader.fetch(url, Optional.empty())).isInstanceOf(IOException.class)
        .hasMessageStartingWith("GET " + url + ": ");
  }

  @Test
  void httpDatesOtherThanRfc1123AreAbsent() {
    assertThat(HttpDownloader.httpDate("Sun, 06 Nov 1994 08:49:37 GMT")).contains(Instant.parse("1994-11-06T08:49:37Z"));
    assertThat(HttpDownloader.httpDate("yesterday")).isEmpty();
  }
}

package dev.jbuild.daemon.http;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Downloads a URL into the content store (ADD of an http(s) URL), as BuildKit's HTTP source: one GET,
 * redirects followed (never from https to http), any final status from 200 to 399 accepted, the body stored as
 * a blob named by its sha256 digest. With an expected digest (ADD --checksum) a body that hashes otherwise is
 * refused and nothing is stored. Credentials in the URL (user:password@) are sent as basic authentication and
 * never appear in errors.
 *
 * <p>Cancellation: the calling thread's interrupt stops the download between reads.
 */
public final class HttpDownloader {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(5);

  /** What was downloaded: the blob, and the response's Last-Modified when it had a valid one. */
  public record Download(Digest digest, long size, Optional<Instant> lastModified) {}

  private final ContentStore store;
  private final HttpClient client;

  public HttpDownloader(ContentStore store) {
    this.store = store;
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  }

  /**
   * @param url an http or https URL
   * @param expected the digest the body must have, if any
   * @throws IOException naming the URL (credentials removed): unreachable, a bad status, a digest mismatch
   */
  public Download fetch(String url, Optional<Digest> expected) throws IOException, InterruptedException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IOException("invalid URL " + redacted(url) + ": " + e.getReason());
    }
    String shown = redacted(url);
    HttpRequest.Builder request = HttpRequest.newBuilder(withoutUserInfo(uri)).GET().timeout(HEADERS_TIMEOUT)
        .header("User-Agent", "jbuild");
    if (uri.getRawUserInfo() != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IOException("GET " + shown + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() < 200 || response.statusCode() >= 400) {
        throw new IOException("GET " + shown + ": invalid response status " + response.statusCode());
      }
      Download d = store(body, shown, expected);
      return new Download(d.digest(), d.size(),
          response.headers().firstValue("Last-Modified").flatMap(HttpDownloader::httpDate));
    }
  }

  private Download store(InputStream body, String shown, Optional<Digest> expected)
      throws IOException, InterruptedException {
    MessageDigest sha256 = sha256();
    try (ContentStore.Writer w = store.writer("http-" + UUID.randomUUID(), Optional.empty())) {
      OutputStream out = w.stream();
      byte[] buf = new byte[1 << 16];
      for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
        if (Thread.interrupted()) {
          throw new InterruptedException("download of " + shown + " cancelled");
        }
        sha256.update(buf, 0, n);
        out.write(buf, 0, n);
      }
      Digest got = Digest.parse("sha256:" + HexFormat.of().formatHex(sha256.digest()));
      if (expected.isPresent() && !expected.get().equals(got)) {
        throw new IOException("digest mismatch for " + shown + ": " + got + " (expected: " + expected.get() + ")");
      }
      long size = w.written();
      return new Download(w.commit(), size, Optional.empty());
    }
  }

  /** An HTTP date (RFC 1123, the form servers send); anything else counts as absent. */
  static Optional<Instant> httpDate(String value) {
    try {
      return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The URL as errors show it: without a password. */
  public static String redacted(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1xxxxx@");
  }

  private static URI withoutUserInfo(URI uri) throws IOException {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath() == null ? null
          : uri.getPath(), uri.getQuery(), uri.getFragment());
    } catch (URISyntaxException e) {
      throw new IOException("invalid URL " + redacted(uri.toString()) + ": " + e.getReason());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}

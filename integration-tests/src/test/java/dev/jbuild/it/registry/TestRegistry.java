package dev.jbuild.it.registry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;

/**
 * Debian's docker-registry (the CNCF distribution registry) on a free loopback port, with its storage in a
 * temporary directory; {@link #close} stops it. Images get in with {@code skopeo copy}, until jbuild pushes.
 * Plain HTTP by default; {@code builder().tls(ca).start(dir)} serves HTTPS only, with a certificate from a
 * test CA.
 */
public final class TestRegistry implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 15_000;

  private final Process process;
  private final int port;
  private final Path log;
  private final TestCa ca; // null: plain HTTP

  private TestRegistry(Process process, int port, Path log, TestCa ca) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.ca = ca;
  }

  /** A plain-HTTP registry. */
  public static TestRegistry start(Path dir) throws IOException, InterruptedException {
    return builder().start(dir);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What the registry serves besides its defaults (one option each, so more can be added: auth next). */
  public static final class Builder {
    private TestCa ca;
    private List<String> names = List.of();

    private Builder() {}

    /**
     * HTTPS only, with a certificate signed by {@code ca} for 127.0.0.1, localhost and {@code moreNames}
     * (host names a test maps to 127.0.0.1 for the daemon).
     */
    public Builder tls(TestCa ca, String... moreNames) {
      this.ca = ca;
      this.names = List.of(moreNames);
      return this;
    }

    public TestRegistry start(Path dir) throws IOException, InterruptedException {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Files.createDirectories(dir.resolve("storage"));
      List<String> yaml = new ArrayList<>(List.of(
          "version: 0.1",
          "log:",
          "  level: warn",
          "storage:",
          "  filesystem:",
          "    rootdirectory: " + dir.resolve("storage").toAbsolutePath(),
          "http:",
          "  addr: 127.0.0.1:" + port));
      if (ca != null) {
        List<String> sans = new ArrayList<>(names);
        sans.addAll(List.of("localhost", "IP:127.0.0.1"));
        TestCa.ServerCertificate cert = ca.issue("registry-" + port, sans);
        yaml.addAll(List.of(
            "  tls:",
            "    certificate: " + cert.certificate().toAbsolutePath(),
            "    key: " + cert.key().toAbsolutePath()));
      }
      yaml.add("");
      Path config = Files.writeString(dir.resolve("config.yml"), String.join("\n", yaml));
      Path log = dir.resolve("registry.log");
      Process p = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      TestRegistry registry = new TestRegistry(p, port, log, ca);
      try {
        registry.awaitReady();
      } catch (IOException | InterruptedException | RuntimeException e) {
        registry.close();
        throw e;
      }
      return registry;
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("docker-registry exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) new URL((ca == null ? "http" : "https") + "://" + host() + "/v2/")
            .openConnection();
        if (c instanceof HttpsURLConnection https) {
          https.setSSLSocketFactory(ca.clientContext().getSocketFactory());
        }
        c.setConnectTimeout(500);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (java.security.GeneralSecurityException e) {
        throw new IOException("the test CA: " + e.getMessage(), e);
      }
      Thread.sleep(100);
    }
    throw new IOException("docker-registry did not answer on " + host() + " within " + START_TIMEOUT_MS + " ms");
  }

  /** host:port, as an image name starts. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Copies an OCI layout tarball (jbuild's --output type=oci) into the registry as {@code repoAndTag}. */
  public void push(Path ociArchive, String repoAndTag) throws IOException, InterruptedException {
    run("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "oci-archive:" + ociArchive,
        "docker://" + host() + "/" + repoAndTag);
  }

  /** The manifest digest a tag names. */
  public String digest(String repoAndTag) throws IOException, InterruptedException {
    return run("skopeo", "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
        "docker://" + host() + "/" + repoAndTag).trim();
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

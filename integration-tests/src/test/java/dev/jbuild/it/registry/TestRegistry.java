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
 * test CA; {@code builder().login(login)} (or {@link #startWithLogin}) makes it require a user (HTTP Basic
 * against an htpasswd file, as docker's docs set it up), and the helpers here then log in as that user.
 */
public final class TestRegistry implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 15_000;

  /** The one user a registry started with a login lets in. */
  public record Login(String user, String password) {}

  private final Process process;
  private final int port;
  private final Path log;
  private final TestCa ca; // null: plain HTTP
  private final Login login; // null: anonymous access

  private TestRegistry(Process process, int port, Path log, TestCa ca, Login login) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.ca = ca;
    this.login = login;
  }

  /** A plain-HTTP registry. */
  public static TestRegistry start(Path dir) throws IOException, InterruptedException {
    return builder().start(dir);
  }

  /** A plain-HTTP registry that answers only {@code login}. */
  public static TestRegistry startWithLogin(Path dir, Login login) throws IOException, InterruptedException {
    return builder().login(login).start(dir);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What the registry serves besides its defaults (one option each, so more can be added: auth next). */
  public static final class Builder {
    private TestCa ca;
    private List<String> names = List.of();
    private Login login;

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

    /** Only {@code login} gets in (its password bcrypt-hashed by htpasswd, from apache2-utils). */
    public Builder login(Login login) {
      this.login = login;
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
      if (login != null) {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, run("htpasswd", "-nbB", login.user(), login.password()).trim() + "\n");
        yaml.addAll(List.of(
            "auth:",
            "  htpasswd:",
            "    realm: jbuild-test",
            "    path: " + htpasswd.toAbsolutePath()));
      }
      yaml.add("");
      Path config = Files.writeString(dir.resolve("config.yml"), String.join("\n", yaml));
      Path log = dir.resolve("registry.log");
      Process p = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      TestRegistry registry = new TestRegistry(p, port, log, ca, login);
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
        int status = c.getResponseCode();
        if (status == 200 || status == 401 && login != null) {
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
    run(withCreds(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"), "--dest-creds",
        "oci-archive:" + ociArchive, "docker://" + host() + "/" + repoAndTag));
  }

  /** The manifest digest a tag names. */
  public String digest(String repoAndTag) throws IOException, InterruptedException {
    return run(withCreds(List.of("skopeo", "inspect", "--tls-verify=false", "--format", "{{.Digest}}"), "--creds",
        "docker://" + host() + "/" + repoAndTag)).trim();
  }

  /** The command, logged in as this registry's user when it has one, then {@code rest}. */
  private String[] withCreds(List<String> command, String credsFlag, String... rest) {
    List<String> cmd = new ArrayList<>(command);
    if (login != null) {
      cmd.add(credsFlag + "=" + login.user() + ":" + login.password());
    }
    cmd.addAll(List.of(rest));
    return cmd.toArray(String[]::new);
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

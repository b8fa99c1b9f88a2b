package dev.jbuild.it.registry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-registry (the CNCF distribution registry) on a free loopback port, with its storage in a
 * temporary directory; {@link #close} stops it. Images get in with {@code skopeo copy}, until jbuild pushes.
 * {@link #startWithLogin} makes it require a user (HTTP Basic against an htpasswd file, as docker's docs set
 * it up); the helpers here then log in as that user.
 */
public final class TestRegistry implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 15_000;

  /** The one user a registry started with {@link #startWithLogin} lets in. */
  public record Login(String user, String password) {}

  private final Process process;
  private final int port;
  private final Path log;
  private final Login login; // null: anonymous access

  private TestRegistry(Process process, int port, Path log, Login login) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.login = login;
  }

  public static TestRegistry start(Path dir) throws IOException, InterruptedException {
    return start(dir, null);
  }

  /** A registry that answers only {@code login} (its password bcrypt-hashed by htpasswd, apache2-utils). */
  public static TestRegistry startWithLogin(Path dir, Login login) throws IOException, InterruptedException {
    return start(dir, login);
  }

  private static TestRegistry start(Path dir, Login login) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.createDirectories(dir.resolve("storage"));
    Path config = dir.resolve("config.yml");
    Files.writeString(config, String.join("\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + dir.resolve("storage").toAbsolutePath(),
        "http:",
        "  addr: 127.0.0.1:" + port,
        ""));
    if (login != null) {
      Path htpasswd = dir.resolve("htpasswd");
      Files.writeString(htpasswd, run("htpasswd", "-nbB", login.user(), login.password()).trim() + "\n");
      Files.writeString(config, String.join("\n",
          "auth:",
          "  htpasswd:",
          "    realm: jbuild-test",
          "    path: " + htpasswd.toAbsolutePath(),
          ""), StandardOpenOption.APPEND);
    }
    Path log = dir.resolve("registry.log");
    Process p = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    TestRegistry registry = new TestRegistry(p, port, log, login);
    try {
      registry.awaitReady();
    } catch (IOException | InterruptedException | RuntimeException e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("docker-registry exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) new URL("http://" + host() + "/v2/").openConnection();
        c.setConnectTimeout(500);
        int status = c.getResponseCode();
        if (status == 200 || status == 401 && login != null) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new IOException("docker-registry did not answer on " + host() + " within " + START_TIMEOUT_MS + " ms");
  }

  public int port() {
    return port;
  }

  /** host:port, as an image name starts. */
  public String host() {
    return "127.0.0.1:" + port;
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

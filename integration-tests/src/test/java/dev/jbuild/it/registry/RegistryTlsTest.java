package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.it.JbuildDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that serves HTTPS only, with a certificate from a CA made for the test, trusted through the
 * daemon config's {@code ca}.
 *
 * <p>The registry is named {@code registry.jbuild.test:PORT}, which the daemon's JVM resolves to 127.0.0.1
 * through a hosts file ({@code jdk.net.hosts.file}): under a loopback name jbuildd would fall back to HTTPS
 * without verification, as Docker does for 127.0.0.0/8, and no certificate would be checked. Under this name
 * it is an ordinary remote registry: verified TLS or nothing.
 */
class RegistryTlsTest {
  private static final String NAME = "registry.jbuild.test";

  @TempDir
  static Path tmp;
  static TestCa ca;
  static TestRegistry registry;
  static JbuildDaemon trusting;
  static List<String> resolving;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCa.create(tmp.resolve("ca"));
    registry = TestRegistry.builder().tls(ca, NAME).start(tmp.resolve("registry"));
    Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 " + NAME + "\n127.0.0.1 localhost\n");
    resolving = List.of("-Djdk.net.hosts.file=" + hosts);
    trusting = daemon("trusting", "[registry.\"" + name() + "\"]\n  ca = [\"" + ca.pem() + "\"]\n");
    registry.push(RegistryImages.base(trusting, tmp), "test:1");
  }

  @AfterAll
  static void stop() throws Exception {
    if (trusting != null) {
      trusting.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private static String name() {
    return NAME + ":" + registry.port();
  }

  private static JbuildDaemon daemon(String id, String config) throws Exception {
    Path file = Files.writeString(tmp.resolve(id + ".toml"), config);
    return JbuildDaemon.start(tmp.resolve("root-" + id), resolving, List.of("--config", file.toString()));
  }

  @Test
  void withTheCaInTheConfigTheImageIsPulledOverVerifiedTls() throws Exception {
    var build = RegistryImages.buildOn(trusting, tmp, name() + "/test:1");
    var files = build.image(trusting).get("files");
    assertThat(files.has("/etc/os-release")).as(files.toString()).isTrue();
    assertThat(files.has("/srv/app.txt")).as(files.toString()).isTrue();
  }

  @Test
  void withoutTheCaThePullFailsAtOnceNamingTheRegistryAndTheCertificate() throws Exception {
    JbuildDaemon untrusting = daemon("untrusting", "# no CA for " + NAME + "\n");
    try {
      long start = System.nanoTime();
      var build = RegistryImages.buildOn(untrusting, tmp, name() + "/test:1");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(build.result().exitCode()).isNotZero();
      assertThat(build.result().stderr())
          .contains("registry " + name() + " sent a TLS certificate that is not trusted")
          .contains("ca = [...] in [registry.\"" + name() + "\"]");
      // jib alone retries a failed handshake for about a minute; the registry timeout is 30 s
      assertThat(took).isLessThan(Duration.ofSeconds(25));
    } finally {
      untrusting.close();
    }
  }

  @Test
  void aRegistryThatRequiresALoginOverVerifiedTlsTakesTheClientsLoginOnly() throws Exception {
    TestRegistry.Login bob = new TestRegistry.Login("bob", "tls-s3cret");
    try (TestRegistry locked = TestRegistry.builder().tls(ca, NAME).login(bob).start(tmp.resolve("locked"))) {
      String lockedName = NAME + ":" + locked.port();
      JbuildDaemon daemon = daemon("locked", "[registry.\"" + lockedName + "\"]\n  ca = [\"" + ca.pem() + "\"]\n");
      try {
        locked.push(RegistryImages.base(daemon, tmp.resolve("locked-base")), "private/base:1");
        Path ctx = Files.createDirectories(tmp.resolve("locked-app"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + lockedName + "/private/base:1\nCOPY app.txt /srv/\n");
        Files.writeString(ctx.resolve("app.txt"), "app\n");
        String auth = java.util.Base64.getEncoder().encodeToString("bob:tls-s3cret".getBytes());
        Path docker = Files.createDirectories(tmp.resolve("locked-docker"));
        Files.writeString(docker.resolve("config.json"),
            "{\"auths\": {\"" + lockedName + "\": {\"auth\": \"" + auth + "\"}}}");
        Path empty = Files.createDirectories(tmp.resolve("locked-docker-empty"));

        var without = dev.jbuild.it.JbuildCli.run(java.util.Map.of("DOCKER_CONFIG", empty.toString()),
            daemon.address(), ctx, "build", "--output", "type=oci,dest=" + ctx.resolve("no.tar"), ".");
        assertThat(without.exitCode()).isNotZero();
        assertThat(without.stderr()).contains("registry " + lockedName + " requires credentials");

        var with = dev.jbuild.it.JbuildCli.run(java.util.Map.of("DOCKER_CONFIG", docker.toString()),
            daemon.address(), ctx, "build", "--output", "type=oci,dest=" + ctx.resolve("yes.tar"), ".");
        assertThat(with.exitCode()).as(with.describe() + "\n" + daemon.logTail()).isZero();
        var files = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dev.jbuild.it.ImgDump.locate().summarizeOci(ctx.resolve("yes.tar"))).get("files");
        assertThat(files.has("/etc/os-release")).as(files.toString()).isTrue();
        assertThat(files.has("/srv/app.txt")).as(files.toString()).isTrue();
      } finally {
        daemon.close();
      }
    }
  }
}

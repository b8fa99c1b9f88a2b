package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that is down or stalls fails the build within jbuildd's --registry-timeout (5 s here; the
 * default is 30 s), end to end: the CLI, the daemon, jib's client and a real socket.
 */
class RegistryFailureTest {
  private static final int TIMEOUT_SECONDS = 5;
  /** Client and daemon start-up, jib's TLS attempt, the failure's way back: well under the 30 s default. */
  private static final Duration BOUND = Duration.ofSeconds(TIMEOUT_SECONDS + 8);

  @TempDir
  static Path tmp;
  static TestRegistry registry;
  static JbuildDaemon daemon;
  static BaseImages bases;

  @BeforeAll
  static void start() throws Exception {
    registry = TestRegistry.start(tmp.resolve("registry"));
    bases = BaseImages.start(registry, tmp);
    daemon = JbuildDaemon.start(tmp.resolve("root"), List.of(),
        List.of("--registry-timeout", Integer.toString(TIMEOUT_SECONDS)));
    // a first pull loads jib's classes and TLS machinery, which takes seconds on a busy machine: get it done
    // here, so that the tests time the registry, not the daemon's warm-up
    bases.push("warm:1", 1024, "warm\n");
    Path ctx = BaseImages.context(tmp, "FROM " + registry.host() + "/warm:1\nCOPY app.txt /\n");
    JbuildCli.Result warm = JbuildCli.run(daemon.address(), ctx, "build", ".");
    assertThat(warm.exitCode()).as(warm.describe()).isZero();
  }

  @AfterAll
  static void stop() throws Exception {
    if (bases != null) {
      bases.close();
    }
    if (daemon != null) {
      daemon.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void aRegistryThatAcceptsAndSaysNothingFailsTheBuildWithinTheTimeout() throws Exception {
    try (StallingRegistryForTest stalling = StallingRegistryForTest.start()) {
      Path ctx = BaseImages.context(tmp, "FROM " + stalling.host() + "/app:1\nCOPY app.txt /\n");
      long start = System.nanoTime();
      JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", ".");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr()).contains(stalling.host()).contains("sent nothing for " + TIMEOUT_SECONDS + " s");
      assertThat(stalling.accepted()).as("the registry was reached").isPositive();
      assertThat(took).isLessThan(BOUND);
    }
  }

  @Test
  void aBlobThatStopsComingFailsTheBuildWithinTheTimeout() throws Exception {
    bases.push("stops:1", 4 * 1024 * 1024, "stops\n");
    try (RecordingProxyForTest proxy = RecordingProxyForTest.start(registry.port())) {
      proxy.throttleBlobs(256 * 1024);
      Path ctx = BaseImages.context(tmp, "FROM " + proxy.host() + "/stops:1\nCOPY app.txt /\n");
      Process client = JbuildCli.start(daemon.address(), ctx, ctx.resolve("out"), ctx.resolve("err"), "build", ".");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (proxy.requests().stream().noneMatch(r -> r.isBlob() && proxy.sentToClient(r.connection()) > 64 * 1024)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(proxy.requests()).as("the layer is coming").anyMatch(r -> r.isBlob()
          && proxy.sentToClient(r.connection()) > 64 * 1024);

      proxy.throttleBlobs(0); // the layer is on its way, and now nothing more comes
      long stalledAt = System.nanoTime();
      assertThat(client.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("the build ended").isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - stalledAt);

      String stderr = Files.readString(ctx.resolve("err"));
      assertThat(client.exitValue()).isNotZero();
      assertThat(stderr).contains("sent nothing for " + TIMEOUT_SECONDS + " s while fetching blob sha256:");
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(TIMEOUT_SECONDS)).isLessThan(BOUND);
    }
  }

  @Test
  void aRegistryThatIsDownFailsTheBuildAtOnceNamingIt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String host = "127.0.0.1:" + port;
    Path ctx = BaseImages.context(tmp, "FROM " + host + "/app:1\nCOPY app.txt /\n");
    long start = System.nanoTime();
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", ".");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains(host + "/app:1").containsIgnoringCase("connection refused");
    assertThat(took).isLessThan(BOUND);
  }
}

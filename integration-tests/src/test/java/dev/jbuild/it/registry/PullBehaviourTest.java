package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.content.Digest;
import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a build pulls its base image, seen on the wire: a recording proxy (test double) in front of the real
 * registry (Debian's docker-registry) shows a second build asking only for the tag, two concurrent builds
 * fetching each blob once, the layers of a base fetched side by side, a tag in the local image store used without any registry (and --pull going to
 * the registry), and a cancelled build closing its download.
 */
class PullBehaviourTest {
  private static final int MIB = 1024 * 1024;

  @TempDir
  static Path tmp;
  static TestRegistry registry;
  static JbuildDaemon daemon;
  static BaseImages bases;

  @BeforeAll
  static void start() throws Exception {
    registry = TestRegistry.start(tmp.resolve("registry"));
    bases = BaseImages.start(registry, tmp);
    daemon = JbuildDaemon.start(tmp.resolve("root"));
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
  void aSecondBuildFromTheSameBaseAsksOnlyForTheTag() throws Exception {
    bases.push("again:1", MIB, "again\n");
    try (RecordingProxyForTest proxy = RecordingProxyForTest.start(registry.port())) {
      Path ctx = BaseImages.context(tmp, "FROM " + proxy.host() + "/again:1\nCOPY app.txt /\n");
      build(ctx);
      assertThat(proxy.requests()).as("the first build pulls").anyMatch(RecordingProxyForTest.Request::isBlob);
      proxy.clear();

      build(ctx);

      List<RecordingProxyForTest.Request> requests = proxy.requests();
      assertThat(requests.stream().filter(RecordingProxyForTest.Request::isManifest).map(Object::toString))
          .as("manifest requests of the second build").containsExactly("GET /v2/again/manifests/1");
      assertThat(requests).as("blob requests of the second build").noneMatch(RecordingProxyForTest.Request::isBlob);
    }
  }

  @Test
  void twoConcurrentBuildsFromOneNewBaseFetchEachBlobOnce() throws Exception {
    bases.push("shared:1", 4 * MIB, "shared\n");
    try (RecordingProxyForTest proxy = RecordingProxyForTest.start(registry.port())) {
      proxy.throttleBlobs(MIB);
      Path a = BaseImages.context(tmp, "FROM " + proxy.host() + "/shared:1\nCOPY app.txt /a/\n");
      Path b = BaseImages.context(tmp, "FROM " + proxy.host() + "/shared:1\nENV B=1\nCOPY app.txt /b/\n");
      Process first = JbuildCli.start(daemon.address(), a, a.resolve("out"), a.resolve("err"), "build", ".");
      RecordingProxyForTest.Request layer = await(Duration.ofSeconds(60), () -> proxy.requests().stream()
          .filter(r -> r.isBlob() && proxy.sentToClient(r.connection()) > 64 * 1024).findFirst());
      // the first build's download of the layer is under way: hold it there while the second build starts
      // (well within the registry timeout), and let it go once the second build wants the base too
      proxy.throttleBlobs(0);
      Process second = JbuildCli.start(daemon.address(), b, b.resolve("out"), b.resolve("err"), "build", ".");
      await(Duration.ofSeconds(60), () -> tagRequests(proxy, "shared").size() == 2 ? Optional.of(true)
          : Optional.<Boolean>empty());
      Thread.sleep(1000); // past the tag: its config, then the layer, which the first build is fetching
      assertThat(proxy.sentToClient(layer.connection())).as("the layer was still on its way").isLessThan(4 * MIB);
      proxy.throttleBlobs(-1);

      assertThat(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as(Files.readString(a.resolve("err"))).isZero();
      assertThat(second.exitValue()).as(Files.readString(b.resolve("err"))).isZero();
      Map<String, Long> blobGets = proxy.requests().stream().filter(RecordingProxyForTest.Request::isBlob)
          .collect(Collectors.groupingBy(RecordingProxyForTest.Request::path, Collectors.counting()));
      assertThat(blobGets).as("config and layer").hasSize(2);
      assertThat(blobGets.values()).as("GETs per blob: " + blobGets).containsOnly(1L);
      assertThat(tagRequests(proxy, "shared")).as("each build resolves the tag once").hasSize(2);
    }
  }

  @Test
  void theLayersOfANewBaseAreFetchedThreeAtATimeAndAllLand() throws Exception {
    Path layered = Files.createTempDirectory(tmp, "layered");
    StringBuilder dockerfile = new StringBuilder("FROM scratch\n");
    Map<String, String> digests = new TreeMap<>();
    for (int i = 0; i < 4; i++) {
      byte[] data = new byte[MIB]; // random: gzip leaves each layer at about 1 MiB
      new Random().nextBytes(data);
      Files.write(layered.resolve("layer" + i + ".bin"), data);
      dockerfile.append("COPY layer").append(i).append(".bin /\n");
      digests.put("/layer" + i + ".bin", Digest.of(data).hex());
    }
    Files.writeString(layered.resolve("Dockerfile"), dockerfile);
    bases.push(layered, "layered:1");
    try (RecordingProxyForTest proxy = RecordingProxyForTest.start(registry.port())) {
      proxy.throttleBlobs(MIB); // a second per layer on its connection
      Path ctx = BaseImages.context(tmp, "FROM " + proxy.host() + "/layered:1\nCOPY app.txt /\n");

      JsonNode image = buildOci(ctx);

      for (Map.Entry<String, String> e : digests.entrySet()) {
        assertThat(sha256(image, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
      List<RecordingProxyForTest.Request> blobGets = proxy.requests().stream()
          .filter(RecordingProxyForTest.Request::isBlob).toList();
      assertThat(blobGets).as("the config, then four layers").hasSize(5);
      List<RecordingProxyForTest.Request> layers = blobGets.subList(1, 5);
      // one after the other, the third request would come two seconds after the first
      assertThat(Duration.ofNanos(layers.get(2).nanos() - layers.get(0).nanos()))
          .as("the first three layers requested side by side: %s", layers).isLessThan(Duration.ofSeconds(1));
    }
  }

  private static List<RecordingProxyForTest.Request> tagRequests(RecordingProxyForTest proxy, String repository) {
    return proxy.requests().stream().filter(r -> r.path().equals("/v2/" + repository + "/manifests/1")).toList();
  }

  @Test
  void aTagInTheLocalImageStoreIsUsedWithoutAnyRegistryAndPullGoesToTheRegistry() throws Exception {
    bases.push("mine:1", 1024, "from the registry\n");
    try (RecordingProxyForTest proxy = RecordingProxyForTest.start(registry.port())) {
      String name = proxy.host() + "/mine:1";
      Path local = Files.createTempDirectory(tmp, "local");
      Files.writeString(local.resolve("marker.txt"), "built here\n");
      Files.writeString(local.resolve("Dockerfile"), "FROM scratch\nCOPY marker.txt /\n");
      JbuildCli.Result tagged = JbuildCli.run(daemon.address(), local, "build", "-t", name, ".");
      assertThat(tagged.exitCode()).as(tagged.describe()).isZero();
      proxy.clear();
      Path ctx = BaseImages.context(tmp, "FROM " + name + "\nCOPY app.txt /\n");

      JsonNode fromLocal = buildOci(ctx);

      assertThat(proxy.requests()).as("the registry is not contacted").isEmpty();
      assertThat(sha256(fromLocal, "/marker.txt")).isEqualTo(Digest.of("built here\n").hex());
      assertThat(fromLocal.get("files").has("/data.bin")).isFalse();

      JsonNode pulled = buildOci(ctx, "--pull");

      assertThat(proxy.requests().stream().map(Object::toString)).contains("GET /v2/mine/manifests/1");
      assertThat(sha256(pulled, "/marker.txt")).isEqualTo(Digest.of("from the registry\n").hex());
      assertThat(pulled.get("files").has("/data.bin")).isTrue();
    }
  }

  @Test
  void cancellingABuildClosesItsDownloadAndEndsTheBuildAsCancelled() throws Exception {
    bases.push("big:1", 24 * MIB, "big\n");
    try (RecordingProxyForTest proxy = RecordingProxyForTest.start(registry.port())) {
      proxy.throttleBlobs(MIB); // 24 s for the layer: far longer than the test waits
      Path ctx = BaseImages.context(tmp, "FROM " + proxy.host() + "/big:1\nCOPY app.txt /\n");
      Process client = JbuildCli.start(daemon.address(), ctx, ctx.resolve("out"), ctx.resolve("err"), "build",
          "--progress", "plain", ".");
      RecordingProxyForTest.Request layer = await(Duration.ofSeconds(60), () -> proxy.requests().stream()
          .filter(r -> r.isBlob() && proxy.sentToClient(r.connection()) > 256 * 1024).findFirst());

      long cancelledAt = System.nanoTime();
      // SIGTERM runs the client's Ctrl-C path (its shutdown hook cancels the build); SIGINT itself would be
      // ignored when the tests run in a background job, whose children inherit SIGINT ignored
      client.destroy();
      long closedAt = proxy.awaitClientClosed(layer.connection(), Duration.ofSeconds(10));

      assertThat(closedAt).as("the download's connection was closed").isPositive();
      assertThat(Duration.ofNanos(closedAt - cancelledAt)).isLessThan(Duration.ofSeconds(2));
      assertThat(proxy.sentToClient(layer.connection())).isLessThan(24L * MIB);
      assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(client.exitValue()).isNotZero();
      assertThat(await(Duration.ofSeconds(10), PullBehaviourTest::cancelledInLog)).isNotEmpty();
    }
  }

  /** The daemon's "build ID cancelled" line, once it is there. */
  private static Optional<String> cancelledInLog() {
    try {
      return Files.readAllLines(daemon.log()).stream().filter(l -> l.matches(".*build \\S+ cancelled$"))
          .findFirst();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void build(Path ctx, String... flags) throws Exception {
    String[] args = new String[flags.length + 2];
    args[0] = "build";
    System.arraycopy(flags, 0, args, 1, flags.length);
    args[args.length - 1] = ".";
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, args);
    assertThat(r.exitCode()).as(r.describe() + "\n" + daemon.logTail()).isZero();
  }

  private static JsonNode buildOci(Path ctx, String... flags) throws Exception {
    Path out = Files.createTempFile(tmp, "image", ".tar");
    String[] args = new String[flags.length + 2];
    System.arraycopy(flags, 0, args, 0, flags.length);
    args[flags.length] = "--output";
    args[flags.length + 1] = "type=oci,dest=" + out;
    build(ctx, args);
    return new ObjectMapper().readTree(ImgDump.locate().summarizeOci(out));
  }

  private static String sha256(JsonNode image, String path) {
    return image.get("files").get(path).get("sha256").asText();
  }

  private static <T> T await(Duration timeout, Supplier<Optional<T>> what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> found = what.get();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(50);
    }
    return what.get().orElseThrow(() -> new AssertionError("not within " + timeout));
  }
}

package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FROM an image in a real registry (Debian's docker-registry on loopback): a base image built by jbuild from
 * scratch (by another daemon) and pushed with skopeo, then built on; the result is read back with imgdump.py.
 */
class PullFromRegistryTest {
  @TempDir
  static Path tmp;
  static TestRegistry registry;
  static JbuildDaemon daemon;
  static BaseImages bases;

  private static final String BASE = String.join("\n",
      "FROM scratch AS files",
      "COPY rootfs/ /",
      "",
      "FROM scratch",
      "COPY --from=files /etc /etc",
      "ENV GREETING=hello PATH=/usr/bin:/bin",
      "WORKDIR /srv",
      "COPY --from=files /srv/ /srv/",
      "COPY links/ /srv/links/",
      "USER 1000",
      "CMD [\"/bin/true\"]",
      "");

  @BeforeAll
  static void start() throws Exception {
    registry = TestRegistry.start(tmp.resolve("registry"));
    daemon = JbuildDaemon.start(tmp.resolve("root"));
    Path ctx = Files.createDirectories(tmp.resolve("base"));
    Files.writeString(ctx.resolve("Dockerfile"), BASE);
    Files.createDirectories(ctx.resolve("rootfs/etc"));
    Files.createDirectories(ctx.resolve("rootfs/srv"));
    Files.writeString(ctx.resolve("rootfs/etc/os-release"), "NAME=test\n");
    Files.writeString(ctx.resolve("rootfs/srv/data.txt"), "data\n");
    Files.createDirectories(ctx.resolve("links"));
    Files.createSymbolicLink(ctx.resolve("links/current"), Path.of("../data.txt"));
    bases = BaseImages.start(registry, tmp);
    bases.push(ctx, "test:1");
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

  private static JsonNode build(String from) throws Exception {
    Path ctx = Files.createTempDirectory(tmp, "app");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + from + "\nCOPY app.txt ./\nENV MODE=prod\n");
    Files.writeString(ctx.resolve("app.txt"), "app\n");
    Path out = ctx.resolve("out.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--output", "type=oci,dest=" + out, ".");
    assertThat(r.exitCode()).as(r.describe() + "\n" + daemon.logTail()).isZero();
    return new ObjectMapper().readTree(ImgDump.locate().summarizeOci(out));
  }

  @Test
  void aCopyOnARegistryImageKeepsTheBaseFilesAndConfig() throws Exception {
    JsonNode image = build(registry.host() + "/test:1");

    JsonNode files = image.get("files");
    assertThat(files.has("/etc/os-release")).isTrue();
    assertThat(files.has("/srv/data.txt")).isTrue();
    assertThat(files.get("/srv/links/current").get("type").asText()).isEqualTo("symlink");
    assertThat(files.get("/srv/links/current").get("link").asText()).isEqualTo("../data.txt");
    assertThat(files.has("/srv/app.txt")).as("COPY ./ lands in the base's WORKDIR").isTrue();
    JsonNode config = image.get("config");
    assertThat(texts(config.get("Env"))).contains("GREETING=hello", "PATH=/usr/bin:/bin", "MODE=prod");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/srv");
    assertThat(config.get("User").asText()).isEqualTo("1000");
    assertThat(texts(config.get("Cmd"))).containsExactly("/bin/true");
  }

  @Test
  void aDigestPinnedReferenceBuildsTheSameFiles() throws Exception {
    String digest = registry.digest("test:1");
    JsonNode byTag = build(registry.host() + "/test:1");
    JsonNode byDigest = build(registry.host() + "/test@" + digest);
    assertThat(byDigest.get("files")).isEqualTo(byTag.get("files"));
  }

  @Test
  void theBaseLayersAreCarriedAsPulledSameBlobsSameDiffIds() throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("gnu-rootfs/usr/bin"));
    Files.writeString(rootfs.resolve("gzip"), "#!/bin/sh\n");
    Files.createLink(rootfs.resolve("gunzip"), rootfs.resolve("gzip"));
    registry.push(GnuTarImage.of(tmp.resolve("gnu-rootfs"), Files.createTempDirectory(tmp, "gnu")), "gnu:1");
    Path ctx = Files.createTempDirectory(tmp, "on-gnu");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + registry.host() + "/gnu:1\nCOPY app.txt /\n");
    Files.writeString(ctx.resolve("app.txt"), "app\n");
    Path out = ctx.resolve("out.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--output", "type=oci,dest=" + out, ".");
    assertThat(r.exitCode()).as(r.describe() + "\n" + daemon.logTail()).isZero();

    String base = "docker://" + registry.host() + "/gnu:1";
    JsonNode baseManifest = skopeoInspect("--raw", "--tls-verify=false", base);
    JsonNode baseConfig = skopeoInspect("--config", "--tls-verify=false", base);
    JsonNode manifest = skopeoInspect("--raw", "oci-archive:" + out);
    JsonNode config = skopeoInspect("--config", "oci-archive:" + out);
    assertThat(manifest.get("layers")).hasSize(2);
    assertThat(manifest.get("layers").get(0).get("digest")).isEqualTo(baseManifest.get("layers").get(0).get("digest"));
    assertThat(config.get("rootfs").get("diff_ids").get(0)).isEqualTo(baseConfig.get("rootfs").get("diff_ids").get(0));
  }

  private static JsonNode skopeoInspect(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "inspect"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    return new ObjectMapper().readTree(out);
  }

  @Test
  void anImageTheRegistryDoesNotHaveFailsNamingIt() throws Exception {
    Path ctx = Files.createTempDirectory(tmp, "missing");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + registry.host() + "/nothere:1\n");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", ".");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains(registry.host() + "/nothere:1");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}

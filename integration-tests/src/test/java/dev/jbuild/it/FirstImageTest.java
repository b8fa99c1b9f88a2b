package dev.jbuild.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton's "done when", end to end: a real jbuildd on a real unix socket, the real CLI in
 * its own JVM, and the OCI tarball read back by skopeo, as a user would check it.
 */
class FirstImageTest {
  @TempDir
  static Path tmp;
  static JbuildDaemon daemon;

  @BeforeAll
  static void startDaemon() throws Exception {
    daemon = JbuildDaemon.start(tmp.resolve("root"));
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    daemon.close();
  }

  private static Path context(String dockerfile) throws Exception {
    Path ctx = Files.createTempDirectory(tmp, "ctx");
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.createDirectories(ctx.resolve("site/css"));
    Files.writeString(ctx.resolve("site/index.html"), "<h1>hi</h1>\n");
    Files.writeString(ctx.resolve("site/css/a.css"), "h1{}\n");
    return ctx;
  }

  private static final String APP = String.join("\n",
      "FROM scratch AS assets",
      "COPY site/ /www/",
      "",
      "FROM scratch",
      "LABEL org.example.team=builders version=\"1.0\"",
      "ENV APP_HOME=/app PATH=/bin",
      "WORKDIR $APP_HOME",
      "COPY hello.txt .",
      "COPY --from=assets /www /app/www",
      "USER 1000:1000",
      "EXPOSE 8080 53/udp",
      "ENTRYPOINT [\"/app/hello\"]",
      "CMD [\"--serve\"]",
      "");

  @Test
  void buildsIntoTheImageStoreAndListsIt() throws Exception {
    Path ctx = context(APP);
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "-t", "app", ".");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JbuildCli.Result images = JbuildCli.run(daemon.address(), ctx, "images");
    assertThat(images.exitCode()).as(images.stderr()).isZero();
    assertThat(images.stdout()).containsPattern("(?m)^app\\s+latest\\s+[0-9a-f]{12}");
  }

  @Test
  void ociTarballCarriesTheConfigTheDockerfileSet() throws Exception {
    Path ctx = context(APP);
    Path out = tmp.resolve("app.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--output", "type=oci,dest=" + out, ".");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode config = new ObjectMapper().readTree(run("skopeo", "inspect", "--config", "oci-archive:" + out));
    JsonNode c = config.get("config");
    assertThat(texts(c.get("Env"))).containsExactlyInAnyOrder("APP_HOME=/app", "PATH=/bin");
    assertThat(texts(c.get("Entrypoint"))).containsExactly("/app/hello");
    assertThat(texts(c.get("Cmd"))).containsExactly("--serve");
    assertThat(c.get("WorkingDir").asText()).isEqualTo("/app");
    assertThat(c.get("User").asText()).isEqualTo("1000:1000");
    assertThat(c.get("ExposedPorts").fieldNames()).toIterable().containsExactlyInAnyOrder("8080/tcp", "53/udp");
    assertThat(c.get("Labels").get("org.example.team").asText()).isEqualTo("builders");
    assertThat(c.get("Labels").get("version").asText()).isEqualTo("1.0");
    assertThat(config.get("os").asText()).isEqualTo("linux");
    assertThat(config.get("rootfs").get("diff_ids")).hasSize(3); // WORKDIR, COPY, COPY --from
  }

  @Test
  void dockerLoadTarballNamesItsTagsAndLayers() throws Exception {
    Path ctx = context(APP);
    Path out = tmp.resolve("app-docker.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "-t", "app:v1", "--output",
        "type=docker,dest=" + out, ".");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode manifest = new ObjectMapper().readTree(run("tar", "-xOf", out.toString(), "manifest.json")).get(0);
    assertThat(texts(manifest.get("RepoTags"))).containsExactly("docker.io/library/app:v1");
    assertThat(manifest.get("Layers")).hasSize(3);
    JsonNode summary = new ObjectMapper().readTree(
        ImgDump.locate().summarizeDockerArchive(out));
    assertThat(texts(summary.get("config").get("Cmd"))).containsExactly("--serve");
    assertThat(summary.get("files").has("/app/www/index.html")).isTrue();
  }

  @Test
  void badInputGivesOneClearErrorAndTheDaemonGoesOn() throws Exception {
    Path ctx = context("FROM scratch\nCOPY hello.txt /\nFROBNICATE now\n");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", ".");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Dockerfile:3").containsIgnoringCase("unknown instruction");

    Path missing = context("FROM scratch\nCOPY nothere.txt /\n");
    r = JbuildCli.run(daemon.address(), missing, "build", ".");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Dockerfile:2").contains("nothere.txt").contains("not found");

    Path flag = context("FROM scratch\nCOPY --bogus=1 hello.txt /\n");
    r = JbuildCli.run(daemon.address(), flag, "build", ".");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Dockerfile:2").contains("--bogus");

    r = JbuildCli.run(daemon.address(), ctx, "build", tmp.resolve("no-such-dir").toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("no-such-dir");

    // the daemon still serves
    JbuildCli.Result ok = JbuildCli.run(daemon.address(), context(APP), "build", ".");
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
  }

  @Test
  void anUnreachableHostIsAClearError() throws Exception {
    Path ctx = context(APP);
    JbuildCli.Result r = JbuildCli.run("unix://" + tmp.resolve("nobody.sock"), ctx, "build", ".");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("nobody.sock");
  }

  @Test
  void theSocketIsForOwnerAndGroupOnly() throws Exception {
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("root/jbuildd.sock")))).isEqualTo("rw-rw----");
  }

  @Test
  void aSecondDaemonOnTheSameRootIsRefused() throws Exception {
    Process p = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"),
        "dev.jbuild.daemon.Main", "--root", tmp.resolve("root").toString(),
        "--addr", "unix://" + tmp.resolve("second.sock")).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.exitValue()).isNotZero();
    assertThat(output).contains("another jbuildd").contains(tmp.resolve("root").toString());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    return out;
  }
}

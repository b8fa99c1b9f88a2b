package dev.jbuild.it.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's "done when" for the stage graph and errors, and a heredoc COPY built for real: a real daemon, the
 * real CLI. The bench Dockerfiles are the daemon module's copies of ../shared/bench/cases.
 */
class DockerfileCliTest {
  static final Path BENCH = Path.of("").toAbsolutePath().getParent()
      .resolve("daemon/src/test/resources/frontend/bench");

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
    return ctx;
  }

  @Test
  void graphOfTheParallelBenchShowsFourIndependentStagesJoinedByTheLast() throws Exception {
    JbuildCli.Result r = JbuildCli.run(daemon.address(), BENCH.resolve("parallel"), "graph", ".");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout()).contains("Stages (5):\n", "  stage-4 (4 steps, needs a, b, c, d)\n",
        "Stages that can run side by side:\n  a, b, c, d\n");
    assertThat(r.stdout()).doesNotContain("Nothing can run in parallel");
  }

  @Test
  void graphOfTheStepsBenchSaysNothingCanRunInParallel() throws Exception {
    JbuildCli.Result r = JbuildCli.run(daemon.address(), BENCH.resolve("steps"), "graph", ".");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout()).contains("Longest chain of dependent steps: 31\n")
        .contains("\nNothing can run in parallel: every step waits for the one before it.\n");
  }

  @Test
  void aDockerfileErrorNamesFileAndLine() throws Exception {
    Path ctx = context("FROM scratch AS base\nCOPY a /a\nRUN --network=bogus \\\n  make\n");
    Files.move(ctx.resolve("Dockerfile"), ctx.resolve("app.Dockerfile"));
    JbuildCli.Result graph = JbuildCli.run(daemon.address(), ctx, "graph", "-f", "app.Dockerfile", ".");
    assertThat(graph.exitCode()).as(graph.describe()).isNotZero();
    assertThat(graph.stderr()).contains("app.Dockerfile:3:", "unsupported network mode \"bogus\"");
    JbuildCli.Result build = JbuildCli.run(daemon.address(), ctx, "build", "-f", "app.Dockerfile", ".");
    assertThat(build.exitCode()).as(build.describe()).isNotZero();
    assertThat(build.stderr()).contains("app.Dockerfile:3:", "unsupported network mode \"bogus\"");
  }

  @Test
  void aCopyOfHeredocsFromScratchBuildsTheFilesIntoTheImage() throws Exception {
    Path ctx = context("""
        FROM scratch
        ARG WHO=world
        COPY <<EOF <<-'RAW' /etc/
        hello $WHO
        EOF
        \tkept $WHO
        \tRAW
        COPY --chmod=0600 <<EOF /secret.txt
        s
        EOF
        """);
    Path out = tmp.resolve("heredoc.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--output", "type=docker,dest=" + out, ".");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    JsonNode files = new ObjectMapper().readTree(ImgDump.locate().summarizeDockerArchive(out)).get("files");
    assertThat(files.get("/etc/EOF").get("sha256").asText()).isEqualTo(sha256("hello world\n"));
    assertThat(files.get("/etc/EOF").get("mode").asText()).isEqualTo("0o644");
    assertThat(files.get("/etc/RAW").get("sha256").asText()).isEqualTo(sha256("kept $WHO\n"));
    assertThat(files.get("/secret.txt").get("mode").asText()).isEqualTo("0o600");
    assertThat(files.get("/secret.txt").get("uid").asInt()).isZero();
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}

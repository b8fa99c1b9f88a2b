package dev.jbuild.it.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import dev.jbuild.it.registry.BusyboxOnRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RUN-heavy bench cases on busybox ({@code bench-cases/}, copied from shared/bench/cases) built by jbuild on
 * the busybox test image must add to it the files and config BuildKit added to the reference busybox
 * (imgdump {@code --base}; the expected summaries were made by BuildKit, see bench-cases/README.md).
 */
class BenchCasesTest {
  @TempDir
  static Path tmp;
  static BusyboxOnRegistry env;
  static JbuildDaemon daemon;
  static String busybox;

  @BeforeAll
  static void start() throws Exception {
    env = BusyboxOnRegistry.start(tmp);
    daemon = env.daemon();
    busybox = env.busybox();
  }

  @AfterAll
  static void stop() throws Exception {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void thirtyRunStepsGiveBuildKitsFilesAndConfig() throws Exception {
    assertSameAsBuildKit("steps");
  }

  /** /data/blob is 64 MiB from /dev/urandom: its digest differs by design, so only its size is compared. */
  @Test
  void twentyThousandFilesAndABigOneGiveBuildKitsFilesAndConfig() throws Exception {
    JsonNode files = assertSameAsBuildKit("manyfiles", "/data/blob");
    assertThat(files.get("/data/blob").get("size").asLong()).isEqualTo(64L << 20);
  }

  /** Builds the case, compares its summary with BuildKit's leaving {@code ignored} out, returns jbuild's files. */
  private static JsonNode assertSameAsBuildKit(String name, String... ignored) throws Exception {
    Path context = copyOfCase(name);
    Path oci = tmp.resolve(name + ".oci.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), context, "build", "--progress", "plain",
        "--build-arg", "BASE=" + busybox, "--output", "type=oci,dest=" + oci, ".");
    assertThat(r.exitCode()).as("%s\n--- daemon log\n%s", r.describe(), daemon.logTail()).isZero();

    ImgDump imgDump = ImgDump.locate();
    Path actual = tmp.resolve(name + ".actual.json");
    Files.writeString(actual, imgDump.summarizeOci(oci, "--base", busybox));
    Files.delete(oci);
    Path expected = tmp.resolve(name + ".expected.json");
    try (InputStream in = new GZIPInputStream(resource(name + "/expected.json.gz"))) {
      Files.copy(in, expected);
    }
    ImgDump.Diff diff = imgDump.diff(expected, actual, ignored);
    assertThat(diff.identical()).as("jbuild's %s differs from BuildKit's (expected = BuildKit, actual = jbuild):\n%s",
        name, diff.text()).isTrue();
    return new ObjectMapper().readTree(actual.toFile()).get("files");
  }

  private static Path copyOfCase(String name) throws IOException {
    Path context = Files.createDirectories(tmp.resolve("ctx-" + name));
    try (InputStream in = resource(name + "/Dockerfile")) {
      Files.copy(in, context.resolve("Dockerfile"));
    }
    return context;
  }

  private static InputStream resource(String path) throws IOException {
    InputStream in = BenchCasesTest.class.getResourceAsStream("/bench-cases/" + path);
    if (in == null) {
      throw new IOException("missing test resource bench-cases/" + path);
    }
    return in;
  }
}

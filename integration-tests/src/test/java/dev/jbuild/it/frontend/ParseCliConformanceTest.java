package dev.jbuild.it.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3's "done when": {@code jbuild debug parse FILE}, through a real daemon, prints BuildKit's own
 * {@code result} for every one of its parser fixtures, byte for byte. The fixtures are the daemon module's
 * copy (with their license and provenance there), read in place rather than duplicated.
 */
class ParseCliConformanceTest {
  static final Path FIXTURES = Path.of("").toAbsolutePath().getParent()
      .resolve("daemon/src/test/resources/frontend/conformance/parser/testfiles");

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

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> dirs = Files.list(FIXTURES)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("result"))).map(d -> d.getFileName().toString())
          .sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void debugParsePrintsBuildKitsResult(String fixture) throws Exception {
    Path dir = FIXTURES.resolve(fixture);
    JbuildCli.Result r = JbuildCli.runNested(daemon.address(), dir, List.of("debug", "parse"), "Dockerfile");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout().getBytes(StandardCharsets.UTF_8)).as(fixture)
        .isEqualTo(Files.readAllBytes(dir.resolve("result")));
  }
}

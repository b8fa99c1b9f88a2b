package dev.jbuild.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.client.testing.ClientProcessForTest;
import dev.jbuild.client.testing.ClientProcessForTest.Run;
import dev.jbuild.client.testing.FakeDaemonForTest;
import dev.jbuild.proto.control.BuildWarning;
import dev.jbuild.proto.control.GraphRequest;
import dev.jbuild.proto.control.GraphResponse;
import dev.jbuild.proto.control.ParseResponse;
import dev.jbuild.proto.ops.SourceLocation;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `jbuild graph` and `jbuild debug parse` as a user runs them, against a stand-in daemon. */
class FrontendCommandsTest {

  @TempDir
  Path tmp;

  private Run jbuild(String... args) throws Exception {
    return ClientProcessForTest.run(tmp, List.of(), Map.of("HOME", tmp.toString(), "FROM_ENV", "e"), args);
  }

  @Test
  void graphSendsTheDockerfileAndFlagsAndPrintsTheRendering() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch AS a\n");
    try (FakeDaemonForTest daemon = new FakeDaemonForTest(tmp)) {
      daemon.graph = GraphResponse.newBuilder().setRendering("digraph steps {\n}\n").build();
      Run run = jbuild("graph", "--target", "a", "--build-arg", "A=1", "--build-arg", "FROM_ENV",
          "--format", "dot", "--host", daemon.address(), "ctx");
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).isEqualTo("digraph steps {\n}\n");
      GraphRequest r = daemon.graphRequests.get(0);
      assertThat(r.getDockerfileName()).isEqualTo("Dockerfile");
      assertThat(r.getDockerfile().toStringUtf8()).isEqualTo("FROM scratch AS a\n");
      assertThat(r.getTarget()).isEqualTo("a");
      assertThat(r.getFormat()).isEqualTo("dot");
      assertThat(r.getBuildArgsList()).extracting(kv -> kv.getKey() + "=" + kv.getValue())
          .containsExactly("A=1", "FROM_ENV=e");
    }
  }

  @Test
  void graphDefaultsToTextAndTheCurrentDirectoryAndTakesDashF() throws Exception {
    Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(tmp.resolve("other.Dockerfile"), "FROM scratch AS other\n");
    try (FakeDaemonForTest daemon = new FakeDaemonForTest(tmp)) {
      daemon.graph = GraphResponse.newBuilder().setRendering("Stages (1):\n").build();
      Run plain = jbuild("graph", "--host", daemon.address());
      assertThat(plain.exitCode()).as(plain.stderr()).isZero();
      assertThat(plain.stdout()).isEqualTo("Stages (1):\n");
      assertThat(daemon.graphRequests.get(0).getFormat()).isEqualTo("text");
      assertThat(daemon.graphRequests.get(0).getDockerfile().toStringUtf8()).isEqualTo("FROM scratch\n");
      Run other = jbuild("graph", "-f", "other.Dockerfile", "--host", daemon.address(), ".");
      assertThat(other.exitCode()).as(other.stderr()).isZero();
      assertThat(daemon.graphRequests.get(1).getDockerfileName()).isEqualTo("other.Dockerfile");
      assertThat(daemon.graphRequests.get(1).getDockerfile().toStringUtf8()).isEqualTo("FROM scratch AS other\n");
    }
  }

  @Test
  void graphPrintsTheDaemonsDockerfileErrorAndRefusesUnknownFormats() throws Exception {
    Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\nFOO\n");
    try (FakeDaemonForTest daemon = new FakeDaemonForTest(tmp)) {
      daemon.failViews = Status.INVALID_ARGUMENT.withDescription("Dockerfile:2: unknown instruction: FOO");
      Run run = jbuild("graph", "--host", daemon.address());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr()).isEqualTo("ERROR: Dockerfile:2: unknown instruction: FOO\n");
      Run bad = jbuild("graph", "--format", "svg", "--host", daemon.address());
      assertThat(bad.exitCode()).isEqualTo(2);
      assertThat(bad.stderr()).contains("--format");
      assertThat(daemon.graphRequests).hasSize(1);
    }
  }

  @Test
  void debugParsePrintsTheDumpAndWarnings() throws Exception {
    Files.writeString(tmp.resolve("Dockerfile.x"), "FROM scratch\n");
    try (FakeDaemonForTest daemon = new FakeDaemonForTest(tmp)) {
      daemon.parse = ParseResponse.newBuilder().setDump("(from \"scratch\")\n")
          .addWarnings(BuildWarning.newBuilder().setMessage("Empty continuation line found in: RUN x")
              .setLocation(SourceLocation.newBuilder().setFile("Dockerfile.x").setStartLine(3)))
          .build();
      Run run = jbuild("debug", "parse", "--host", daemon.address(), "Dockerfile.x");
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).isEqualTo("(from \"scratch\")\n");
      assertThat(run.stderr()).isEqualTo("WARNING: Dockerfile.x:3: Empty continuation line found in: RUN x\n");
      assertThat(daemon.parseRequests.get(0).getDockerfileName()).isEqualTo("Dockerfile.x");
      assertThat(daemon.parseRequests.get(0).getDockerfile().toStringUtf8()).isEqualTo("FROM scratch\n");
    }
  }

  @Test
  void debugParseNamesAMissingFile() throws Exception {
    Run run = jbuild("debug", "parse", "--host", "unix:///nonexistent.sock", "nope");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr().strip()).isEqualTo("ERROR: cannot read " + tmp.resolve("nope") + ": no such file");
  }
}

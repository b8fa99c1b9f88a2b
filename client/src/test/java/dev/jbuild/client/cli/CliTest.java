package dev.jbuild.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.jbuild.client.testing.ClientProcessForTest;
import dev.jbuild.client.testing.ClientProcessForTest.Run;
import dev.jbuild.client.testing.FakeDaemonForTest;
import dev.jbuild.proto.control.BuildRequest;
import dev.jbuild.proto.control.BuildResult;
import dev.jbuild.proto.control.ImageSummary;
import dev.jbuild.proto.control.ListImagesResponse;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `jbuild` as a user runs it: its own JVM, exit status, one clear line on stderr. */
class CliTest {

  @TempDir
  Path tmp;

  private Run jbuild(String... args) throws Exception {
    return ClientProcessForTest.run(tmp, List.of(), Map.of("HOME", tmp.toString()), args);
  }

  @Test
  void missingContextNamesThePath() throws Exception {
    Run run = jbuild("build", "--host", "unix:///nonexistent.sock", "no-such-dir");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr().strip()).isEqualTo("ERROR: unable to prepare context: path \"no-such-dir\" not found");
  }

  @Test
  void missingDockerfileNamesThePath() throws Exception {
    Files.createDirectories(tmp.resolve("ctx"));
    Run run = jbuild("build", "-f", "nope/Dockerfile", "ctx");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr().strip()).isEqualTo(
        "ERROR: cannot read Dockerfile " + tmp.resolve("nope/Dockerfile") + ": no such file (name another one with -f)");
  }

  @Test
  void unreachableHostFailsFastWithOneLine() throws Exception {
    Files.writeString(Files.createDirectories(tmp.resolve("ctx")).resolve("Dockerfile"), "FROM scratch\n");
    Run unix = jbuild("build", "--host", "unix://" + tmp.resolve("none.sock"), "ctx");
    assertThat(unix.exitCode()).isEqualTo(1);
    assertThat(unix.stderr().strip()).isEqualTo("ERROR: cannot connect to jbuildd at unix://" + tmp.resolve("none.sock")
        + ": no such socket (is jbuildd running?)");
    Run tcp = jbuild("images", "--host", "tcp://127.0.0.1:1");
    assertThat(tcp.exitCode()).isEqualTo(1);
    assertThat(tcp.stderr().strip()).isEqualTo("ERROR: cannot connect to jbuildd at tcp://127.0.0.1:1: Connection refused");
    assertThat(tcp.millis()).isLessThan(10_000);
  }

  @Test
  void usageErrorsExit2AndNameTheFlag() throws Exception {
    Run run = jbuild("build", "--no-such-flag", ".");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("Unknown option: '--no-such-flag'");
    Run progress = jbuild("build", "--progress", "fancy", ".");
    assertThat(progress.exitCode()).isEqualTo(2);
    assertThat(progress.stderr()).contains("--progress");
  }

  @Test
  void buildSendsTheRequestAndPrintsTheResult() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    Files.writeString(ctx.resolve(".dockerignore"), "# comment\n/secret\n!keep\n");
    Files.writeString(tmp.resolve("other.Dockerfile"), "FROM scratch\n");
    try (FakeDaemonForTest daemon = new FakeDaemonForTest(tmp)) {
      daemon.script.result = BuildResult.newBuilder().setImageDigest("sha256:" + "a".repeat(64))
          .setConfigDigest("sha256:" + "b".repeat(64)).addTags("docker.io/library/app:latest").build();

      Run run = ClientProcessForTest.run(tmp, List.of(), Map.of("HOME", tmp.toString(), "FROM_ENV", "e"),
          "build", "-t", "app", "-f", "other.Dockerfile", "--build-arg", "A=1", "--build-arg", "FROM_ENV",
          "--target", "final", "--no-cache", "--pull", "--progress", "plain", "-o", "type=image",
          "--host", daemon.address(), "ctx");

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stderr()).contains("naming to docker.io/library/app:latest done");
      BuildRequest r = daemon.requests.get(0);
      assertThat(r.getDockerfileName()).isEqualTo("other.Dockerfile");
      assertThat(r.getDockerfile().toStringUtf8()).isEqualTo("FROM scratch\n");
      assertThat(r.getBuildArgsList()).extracting(kv -> kv.getKey() + "=" + kv.getValue()).containsExactly("A=1", "FROM_ENV=e");
      assertThat(r.getTarget()).isEqualTo("final");
      assertThat(r.getTagsList()).containsExactly("app");
      assertThat(r.getNoCache()).isTrue();
      assertThat(r.getPull()).isTrue();
      assertThat(r.getProgress()).isEqualTo("plain");
      assertThat(r.getOutputs(0).getType()).isEqualTo("image");
      assertThat(r.getContext().getDir()).isEqualTo(ctx.toRealPath().toString());
      assertThat(r.getContext().getExcludePatternsList()).containsExactly("secret", "!keep");
      assertThat(r.getContext().getIgnoreFile()).isEqualTo(ctx.resolve(".dockerignore").toString());
      assertThat(r.getContext().getClientId()).isEqualTo(Files.readString(tmp.resolve(".jbuild/client-id")).strip());
    }
  }

  @Test
  void aFailedBuildPrintsTheDaemonsMessage() throws Exception {
    Files.writeString(Files.createDirectories(tmp.resolve("ctx")).resolve("Dockerfile"), "FROM scratch\nFOO bar\n");
    try (FakeDaemonForTest daemon = new FakeDaemonForTest(tmp)) {
      daemon.script.requestContext = false;
      daemon.script.failWith = Status.INVALID_ARGUMENT.withDescription("Dockerfile:2: unknown instruction: FOO");
      Run run = jbuild("build", "--progress", "plain", "--host", daemon.address(), "ctx");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr()).endsWith("ERROR: Dockerfile:2: unknown instruction: FOO\n");
    }
  }

  @Test
  void imagesTable() throws Exception {
    try (FakeDaemonForTest daemon = new FakeDaemonForTest(tmp)) {
      Instant created = Instant.now().minusSeconds(300);
      daemon.images = ListImagesResponse.newBuilder().addImages(ImageSummary.newBuilder()
          .setName("docker.io/library/app:latest").setDigest("sha256:0123456789abcdef0123")
          .setSize(12_345_678).setCreated(Timestamp.newBuilder().setSeconds(created.getEpochSecond()))).build();
      Run run = jbuild("images", "--host", daemon.address());
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).isEqualTo(
          "REPOSITORY   TAG      IMAGE ID       CREATED         SIZE\n"
              + "app          latest   0123456789ab   5 minutes ago   12.3MB\n");
    }
  }
}

package dev.jbuild.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.client.context.FileModes;
import dev.jbuild.client.credentials.DockerCredentials;
import dev.jbuild.client.daemon.DaemonAddress;
import dev.jbuild.client.daemon.DaemonConnection;
import dev.jbuild.client.progress.ProgressMode;
import dev.jbuild.client.testing.FakeDaemonForTest;
import dev.jbuild.proto.control.BuildRequest;
import dev.jbuild.proto.control.FileStat;
import dev.jbuild.proto.control.Output;
import dev.jbuild.proto.control.KeyValue;
import dev.jbuild.proto.control.OutputChunk;
import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Build session against a stand-in daemon over a real unix socket: what arrives is what is on disk. */
class ContextSendingTest {

  @TempDir
  Path tmp;
  private FakeDaemonForTest daemon;
  private Path context;

  @BeforeEach
  void setUp() throws Exception {
    daemon = new FakeDaemonForTest(tmp);
    context = Files.createDirectories(tmp.resolve("ctx"));
  }

  @AfterEach
  void tearDown() throws Exception {
    daemon.close();
  }

  private BuildOutcome build(List<Output> outputs, ByteArrayOutputStream stdout) throws Exception {
    BuildRequest request = BuildRequest.newBuilder().setDockerfileName("Dockerfile").addAllOutputs(outputs).build();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    try (DaemonConnection c = DaemonConnection.open(DaemonAddress.parse(daemon.address()))) {
      BuildSession session = new BuildSession(request, context,
          ProgressMode.PLAIN.newRenderer(new PrintStream(progress, true), ProgressMode.Clock.SYSTEM),
          new OutputWriters(outputs, stdout), DockerCredentials.of(Map.of(), tmp));
      session.start(c.async());
      return session.await();
    }
  }

  @Test
  void sendsModesOwnershipTimesAndSymlinksAsTheyAre() throws Exception {
    Path tool = Files.writeString(context.resolve("tool"), "#!/bin/sh\n");
    Files.setAttribute(tool, "unix:uid", 1234);
    Files.setAttribute(tool, "unix:gid", 5678);
    Files.setAttribute(tool, "unix:mode", 04755); // after chown, which clears setuid
    Files.setLastModifiedTime(tool, FileTime.from(Instant.parse("2020-01-02T03:04:05.123456789Z")));
    Path dir = Files.createDirectories(context.resolve("dir"));
    Files.setAttribute(dir, "unix:mode", 01777);
    Files.writeString(dir.resolve("big"), "x".repeat(200_000));
    Files.createSymbolicLink(context.resolve("link-out"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(context.resolve("link-dir"), Path.of("dir"));
    Files.createSymbolicLink(context.resolve("dangling"), Path.of("../nowhere"));

    BuildOutcome outcome = build(List.of(), new ByteArrayOutputStream());

    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    FakeDaemonForTest.ReceivedContext got = daemon.context.get();
    Map<String, FileStat> byPath = got.entries.stream().collect(Collectors.toMap(FileStat::getPath, Function.identity()));
    assertThat(got.entries).extracting(FileStat::getPath)
        .containsExactly("dangling", "dir", "dir/big", "link-dir", "link-out", "tool");
    FileStat t = byPath.get("tool");
    assertThat(t.getMode()).isEqualTo(FileModes.S_IFREG | 04755);
    assertThat(t.getUid()).isEqualTo(1234);
    assertThat(t.getGid()).isEqualTo(5678);
    assertThat(t.getMtimeNanos()).isEqualTo(Instant.parse("2020-01-02T03:04:05.123456789Z").getEpochSecond()
        * 1_000_000_000L + 123456789);
    assertThat(byPath.get("dir").getMode()).isEqualTo(FileModes.S_IFDIR | 01777);
    assertThat(byPath.get("link-out").getMode() & FileModes.S_IFMT).isEqualTo(FileModes.S_IFLNK);
    assertThat(byPath.get("link-out").getLinkname()).isEqualTo("/etc/passwd");
    assertThat(byPath.get("link-dir").getLinkname()).isEqualTo("dir");
    assertThat(byPath.get("dangling").getLinkname()).isEqualTo("../nowhere");
    // only regular files carry data: the symlinks' targets were not read
    assertThat(got.totalBytes).isEqualTo(10 + 200_000);
    assertThat(got.doneFiles).isEqualTo(6);
    assertThat(got.doneBytes).isEqualTo(got.totalBytes);
  }

  @Test
  void theDaemonsExcludePatternsApply() throws Exception {
    Files.writeString(context.resolve("keep.txt"), "k");
    Files.createDirectories(context.resolve("node_modules/x"));
    Files.writeString(context.resolve("node_modules/x/i.js"), "j");
    daemon.script.excludePatterns = List.of("node_modules");

    assertThat(build(List.of(), new ByteArrayOutputStream()).succeeded()).isTrue();
    assertThat(daemon.context.get().entries).extracting(FileStat::getPath).containsExactly("keep.txt");
  }

  @Test
  void aBadPatternIsASessionErrorAndTheBuildFailsWithIt() throws Exception {
    daemon.script.includePatterns = List.of("[");
    BuildOutcome outcome = build(List.of(), new ByteArrayOutputStream());
    assertThat(outcome.succeeded()).isFalse();
    assertThat(daemon.context.get().sessionError).contains("invalid pattern \"[\"");
    assertThat(outcome.errorMessage()).contains("invalid pattern");
  }

  @Test
  void outputsAreWrittenWholeToTheirDestAndStdout() throws Exception {
    Path dest = tmp.resolve("out/app.tar");
    List<Output> outputs = List.of(
        Output.newBuilder().setType("oci").addAttrs(KeyValue.newBuilder().setKey("dest").setValue(dest.toString())).build(),
        Output.newBuilder().setType("docker").addAttrs(KeyValue.newBuilder().setKey("dest").setValue("-")).build());
    daemon.script.outputs = List.of(
        OutputChunk.newBuilder().setOutputIndex(0).setData(ByteString.copyFromUtf8("hello ")).build(),
        OutputChunk.newBuilder().setOutputIndex(1).setData(ByteString.copyFromUtf8("to stdout")).setEof(true).build(),
        OutputChunk.newBuilder().setOutputIndex(0).setData(ByteString.copyFromUtf8("world")).setEof(true).build());
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    assertThat(build(outputs, stdout).succeeded()).isTrue();
    assertThat(Files.readString(dest)).isEqualTo("hello world");
    assertThat(dest.resolveSibling("app.tar.tmp")).doesNotExist();
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("to stdout");
  }

  @Test
  void aFailedBuildLeavesNoHalfWrittenOutput() throws Exception {
    Path dest = tmp.resolve("app.tar");
    List<Output> outputs = List.of(Output.newBuilder().setType("oci")
        .addAttrs(KeyValue.newBuilder().setKey("dest").setValue(dest.toString())).build());
    daemon.script.outputs = List.of(OutputChunk.newBuilder().setData(ByteString.copyFromUtf8("half")).build());
    daemon.script.failWith = io.grpc.Status.INVALID_ARGUMENT.withDescription("Dockerfile:3: unknown instruction: FOO");

    BuildOutcome outcome = build(outputs, new ByteArrayOutputStream());
    assertThat(outcome.errorMessage()).isEqualTo("Dockerfile:3: unknown instruction: FOO");
    assertThat(dest).doesNotExist();
    assertThat(tmp.resolve("app.tar.tmp")).doesNotExist();
  }
}

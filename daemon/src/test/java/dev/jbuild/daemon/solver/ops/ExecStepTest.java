package dev.jbuild.daemon.solver.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.graph.StepGraph;
import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.ProgressSink;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.metadata.MetadataDb;
import dev.jbuild.proto.ops.ExecMeta;
import dev.jbuild.proto.ops.ExecMount;
import dev.jbuild.proto.ops.ExecOp;
import dev.jbuild.proto.ops.MountKind;
import dev.jbuild.proto.ops.NetworkMode;
import dev.jbuild.proto.ops.Op;
import dev.jbuild.proto.ops.VertexMeta;
import dev.jbuild.snapshots.CopyingSnapshotter;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.Snapshotter;
import dev.jbuild.worker.Executor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RUN step around its executor: snapshots, mounts, output and failures. The executor here is a test
 * double that writes to the rootfs the way a process would (the runc executor has its own tests, and the
 * integration tests run RUN for real).
 */
class ExecStepTest {
  @TempDir
  Path tmp;
  MetadataDb db;
  Snapshotter snapshotter;
  final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  @BeforeEach
  void open() throws Exception {
    db = MetadataDb.open(tmp.resolve("root"));
    snapshotter = new CopyingSnapshotter(tmp.resolve("root"), db);
  }

  @AfterEach
  void close() throws Exception {
    snapshotter.close();
    db.close();
  }

  /** Stands in for runc: records what it was asked and plays a scripted process against the mounted rootfs. */
  interface Script {
    int run(Path root, List<Executor.MountSpec> mounts, Executor.LogSink logs) throws Exception;
  }

  static final class ScriptedExecutor implements Executor {
    final Script script;
    ProcessSpec process;
    List<MountSpec> mounts;

    ScriptedExecutor(Script script) {
      this.script = script;
    }

    @Override
    public int run(ProcessSpec process, List<Mount> rootfs, List<MountSpec> mounts, LogSink logs) throws java.io.IOException, InterruptedException {
      this.process = process;
      this.mounts = mounts;
      try {
        return script.run(Path.of(rootfs.get(0).source()), mounts, logs);
      } catch (java.io.IOException | InterruptedException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new java.io.IOException(e);
      }
    }
  }

  private JobContext job() {
    ProgressSink progress = new ProgressSink() {
      @Override
      public void started(StepGraph.Vertex vertex, Instant at, List<String> inputs) {}

      @Override
      public void completed(StepGraph.Vertex vertex, Instant started, Instant at) {}

      @Override
      public void failed(StepGraph.Vertex vertex, Instant started, Instant at, String error) {}

      @Override
      public void log(StepGraph.Vertex vertex, int stream, byte[] data) {
        logged.writeBytes(data);
      }

      @Override
      public void progress(StepGraph.Vertex vertex, String id, long current, long total) {}
    };
    return new JobContext("b1", snapshotter, tmp.resolve("scratch"), null, progress);
  }

  private Ref base(JobContext job, String file, String content) throws Exception {
    snapshotter.prepare("base-key", "");
    Path root = Path.of(snapshotter.mounts("base-key").get(0).source());
    Files.writeString(root.resolve(file), content);
    snapshotter.commit("base", "base-key");
    String view = job.newKey("v");
    Ref ref = new SnapshotRef("base", snapshotter.view(view, "base"));
    job.own(view);
    return ref;
  }

  private static ExecOp.Builder op(String... args) {
    return ExecOp.newBuilder()
        .setMeta(ExecMeta.newBuilder().addAllArgs(List.of(args)).addEnv("A=1").setCwd("/work").setUser("app"))
        .addMounts(ExecMount.newBuilder().setInput(0).setDest("/").setKind(MountKind.MOUNT_BIND));
  }

  private static StepGraph.Vertex vertex(ExecOp op) {
    return new StepGraph.Vertex("sha256:0", Op.newBuilder().setExec(op).build(), VertexMeta.getDefaultInstance(), List.of());
  }

  private static String read(Snapshotter s, Ref ref, String path) throws Exception {
    return Files.readString(Path.of(ref.mounts().get(0).source()).resolve(path));
  }

  @Test
  void theProcessChangesBecomeTheStepResultAndItsOutputIsLogged() throws Exception {
    try (JobContext job = job()) {
      Ref in = base(job, "old.txt", "old");
      ScriptedExecutor exec = new ScriptedExecutor((root, mounts, logs) -> {
        Files.writeString(root.resolve("new.txt"), "made by RUN");
        logs.write(1, "hello\n".getBytes(StandardCharsets.UTF_8));
        return 0;
      });
      ExecOp op = op("/bin/sh", "-c", "echo hello > /new.txt").build();
      Ref out = new ExecStep(vertex(op), op, exec).exec(job, List.of(in));

      assertThat(read(snapshotter, out, "new.txt")).isEqualTo("made by RUN");
      assertThat(read(snapshotter, out, "old.txt")).isEqualTo("old");
      assertThat(read(snapshotter, in, "old.txt")).isEqualTo("old");
      assertThat(Files.exists(Path.of(in.mounts().get(0).source()).resolve("new.txt"))).isFalse();
      assertThat(logged.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
      assertThat(exec.process.args()).containsExactly("/bin/sh", "-c", "echo hello > /new.txt");
      assertThat(exec.process.env()).containsExactly("A=1");
      assertThat(exec.process.cwd()).isEqualTo("/work");
      assertThat(exec.process.user()).isEqualTo("app");
      assertThat(exec.process.hostname()).isEqualTo("buildkitsandbox");
      assertThat(exec.process.network()).isEqualTo(Executor.NetworkMode.HOST);
    }
  }

  @Test
  void aNonZeroExitFailsWithTheCodeAndTheLastLinesAndLeavesNoSnapshot() throws Exception {
    try (JobContext job = job()) {
      Ref in = base(job, "f", "x");
      ScriptedExecutor exec = new ScriptedExecutor((root, mounts, logs) -> {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= 15; i++) {
          out.append("line ").append(i).append('\n');
        }
        logs.write(2, out.append("no newline").toString().getBytes(StandardCharsets.UTF_8));
        return 3;
      });
      ExecOp op = op("/bin/sh", "-c", "exit 3").setNetwork(NetworkMode.NETWORK_NONE).build();
      assertThatThrownBy(() -> new ExecStep(vertex(op), op, exec).exec(job, List.of(in)))
          .isInstanceOf(StepException.class)
          .hasMessageStartingWith("process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3\n")
          .hasMessageContaining("  line 15\n  no newline")
          .hasMessageNotContaining("line 6\n");
      assertThat(exec.process.network()).isEqualTo(Executor.NetworkMode.NONE);
    }
    List<String> left = new ArrayList<>();
    snapshotter.walk(i -> left.add(i.name()));
    assertThat(left).containsExactly("base");
  }

  @Test
  void bindMountsShowTheirSourceReadOnlyOrAsAThrowAwayCopy() throws Exception {
    Path context = Files.createDirectories(tmp.resolve("context/sub"));
    Files.writeString(context.resolve("data.txt"), "ctx");
    try (JobContext job = job()) {
      Ref in = base(job, "f", "x");
      Ref ctx = new DirectoryRef(tmp.resolve("context"));
      List<String> seen = new ArrayList<>();
      ScriptedExecutor exec = new ScriptedExecutor((root, mounts, logs) -> {
        for (Executor.MountSpec m : mounts) {
          seen.add(m.destination() + " " + m.mount().type() + " " + m.readOnly());
          if (m.destination().equals("/rw")) {
            Path dir = Path.of(m.mount().source());
            assertThat(Files.readString(dir.resolve("data.txt"))).isEqualTo("ctx");
            Files.writeString(dir.resolve("data.txt"), "changed");
          }
          if (m.destination().equals("/ro")) {
            assertThat(Path.of(m.mount().source())).isEqualTo(context);
          }
        }
        return 0;
      });
      ExecOp op = op("true")
          .addMounts(ExecMount.newBuilder().setInput(1).setSelector("/sub").setDest("/ro").setReadonly(true))
          .addMounts(ExecMount.newBuilder().setInput(1).setSelector("/sub").setDest("/rw"))
          .addMounts(ExecMount.newBuilder().setInput(-1).setDest("/tmp").setKind(MountKind.MOUNT_TMPFS))
          .build();
      new ExecStep(vertex(op), op, exec).exec(job, List.of(in, ctx));
      assertThat(seen).containsExactly("/ro bind true", "/rw bind false", "/tmp tmpfs false");
      assertThat(Files.readString(context.resolve("data.txt"))).isEqualTo("ctx");
      assertThat(tmp.resolve("scratch")).isEmptyDirectory();
    }
  }

  @Test
  void aMissingBindSourceAndCacheMountsAreClearErrors() throws Exception {
    try (JobContext job = job()) {
      Ref in = base(job, "f", "x");
      ScriptedExecutor exec = new ScriptedExecutor((root, mounts, logs) -> 0);
      ExecOp missing = op("true").addMounts(ExecMount.newBuilder().setInput(0).setSelector("/nope").setDest("/m")).build();
      assertThatThrownBy(() -> new ExecStep(vertex(missing), missing, exec).exec(job, List.of(in)))
          .hasMessage("RUN --mount: source /nope not found (mounting at /m)");
      ExecOp cache = op("true").addMounts(ExecMount.newBuilder().setInput(-1).setDest("/c").setKind(MountKind.MOUNT_CACHE)).build();
      assertThatThrownBy(() -> new ExecStep(vertex(cache), cache, exec).exec(job, List.of(in)))
          .hasMessage("RUN --mount=type=cache is not supported yet");
      assertThat(exec.process).isNull();
    }
  }
}

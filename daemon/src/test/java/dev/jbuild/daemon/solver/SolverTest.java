package dev.jbuild.daemon.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.graph.DefinitionBuilder;
import dev.jbuild.daemon.graph.StepGraph;
import dev.jbuild.proto.ops.FileMkfile;
import dev.jbuild.proto.ops.FileAction;
import dev.jbuild.proto.ops.FileOp;
import dev.jbuild.proto.ops.SourceLocation;
import dev.jbuild.proto.ops.VertexMeta;
import dev.jbuild.snapshots.Mount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The solver driven by toy ops (test doubles: each vertex is a named op that records its calls). */
@Timeout(30)
class SolverTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** A toy vertex: a FileOp whose only content is a name, so that each name is a distinct digest. */
  private static String vertex(DefinitionBuilder b, String name, String... inputs) {
    var op = dev.jbuild.proto.ops.Op.newBuilder().setFile(FileOp.newBuilder().setBaseInput(-1)
        .addActions(FileAction.newBuilder().setMkfile(FileMkfile.newBuilder().setPath("/" + name))));
    for (String in : inputs) {
      op.addInputs(DefinitionBuilder.input(in));
    }
    return b.add(op.build(), VertexMeta.newBuilder().setName(name)
        .setLocation(SourceLocation.newBuilder().setFile("Dockerfile").setStartLine(7)).build());
  }

  private record NamedRef(String name) implements Ref {
    @Override
    public List<Mount> mounts() {
      return List.of();
    }

    @Override
    public Optional<String> snapshot() {
      return Optional.empty();
    }
  }

  /** Toy ops: each returns a ref named after its vertex and its inputs; `behaviour` may block or throw. */
  private OpResolver toyOps(Map<String, Op> behaviour) {
    return v -> (job, inputs) -> {
      calls.computeIfAbsent(v.name(), k -> new AtomicInteger()).incrementAndGet();
      Op special = behaviour.get(v.name());
      if (special != null) {
        special.exec(job, inputs);
      }
      return new NamedRef(v.name() + inputs.stream().map(r -> ((NamedRef) r).name()).toList());
    };
  }

  private JobContext job() {
    return new JobContext("test", null, null, null, ProgressSink.NONE);
  }

  @Test
  void independentVerticesRunAtTheSameTime() throws Exception {
    DefinitionBuilder b = new DefinitionBuilder();
    String a = vertex(b, "a");
    String bb = vertex(b, "b");
    String out = vertex(b, "out", a, bb);
    // a and b each wait for the other: a serial solver would never get past this barrier
    CyclicBarrier both = new CyclicBarrier(2);
    Op meet = (job, inputs) -> {
      both.await(10, TimeUnit.SECONDS);
      return null;
    };
    Ref result = new Solver(pool, 4).solve(StepGraph.load(b.build(out)),
        toyOps(Map.of("a", meet, "b", meet)), job());
    assertThat(((NamedRef) result).name()).isEqualTo("out[a[], b[]]");
    assertThat(calls).containsOnlyKeys("a", "b", "out");
    assertThat(calls.values()).allMatch(c -> c.get() == 1);
  }

  @Test
  void aSharedInputRunsOnce() throws Exception {
    DefinitionBuilder b = new DefinitionBuilder();
    String base = vertex(b, "base");
    String left = vertex(b, "left", base);
    String right = vertex(b, "right", base);
    String out = vertex(b, "out", left, right);
    new Solver(pool, 4).solve(StepGraph.load(b.build(out)), toyOps(Map.of()), job());
    assertThat(calls.get("base").get()).isEqualTo(1);
    assertThat(calls.get("out").get()).isEqualTo(1);
  }

  @Test
  void parallelismIsBounded() throws Exception {
    DefinitionBuilder b = new DefinitionBuilder();
    String[] leaves = new String[6];
    AtomicInteger now = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    Map<String, Op> behaviour = new ConcurrentHashMap<>();
    for (int i = 0; i < leaves.length; i++) {
      leaves[i] = vertex(b, "leaf" + i);
      behaviour.put("leaf" + i, (job, inputs) -> {
        max.accumulateAndGet(now.incrementAndGet(), Math::max);
        Thread.sleep(50);
        now.decrementAndGet();
        return null;
      });
    }
    String out = vertex(b, "out", leaves);
    new Solver(pool, 2).solve(StepGraph.load(b.build(out)), toyOps(behaviour), job());
    assertThat(max.get()).isEqualTo(2);
  }

  @Test
  void aFailureCancelsRunningStepsAndNamesTheLine() throws Exception {
    DefinitionBuilder b = new DefinitionBuilder();
    String slow = vertex(b, "slow");
    String bad = vertex(b, "bad");
    String after = vertex(b, "after", bad);
    String out = vertex(b, "out", slow, after);
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch slowInterrupted = new CountDownLatch(1);
    Map<String, Op> behaviour = Map.of(
        "slow", (job, inputs) -> {
          slowStarted.countDown();
          try {
            Thread.sleep(20_000);
          } catch (InterruptedException e) {
            slowInterrupted.countDown();
            throw e;
          }
          return null;
        },
        "bad", (job, inputs) -> {
          slowStarted.await();
          throw new StepException("\"missing.txt\": not found");
        });
    assertThatThrownBy(() -> new Solver(pool, 4).solve(StepGraph.load(b.build(out)), toyOps(behaviour), job()))
        .isInstanceOf(SolveException.class)
        .hasMessage("Dockerfile:7: bad: \"missing.txt\": not found");
    assertThat(slowInterrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(calls).doesNotContainKey("after").doesNotContainKey("out");
  }

  @Test
  void aFailedSolveReturnsOnlyAfterEveryStepHasStopped() throws Exception {
    DefinitionBuilder b = new DefinitionBuilder();
    String slow = vertex(b, "slow");
    String bad = vertex(b, "bad");
    String out = vertex(b, "out", slow, bad);
    java.util.concurrent.atomic.AtomicBoolean slowFinished = new java.util.concurrent.atomic.AtomicBoolean();
    CountDownLatch slowStarted = new CountDownLatch(1);
    Map<String, Op> behaviour = Map.of(
        "slow", (job, inputs) -> {
          slowStarted.countDown();
          try {
            Thread.sleep(20_000);
          } catch (InterruptedException e) {
            Thread.sleep(0, 0); // cleaning up after the interrupt takes a moment
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
              Thread.onSpinWait();
            }
            slowFinished.set(true);
            throw e;
          }
          return null;
        },
        "bad", (job, inputs) -> {
          slowStarted.await();
          throw new StepException("boom");
        });
    assertThatThrownBy(() -> new Solver(pool, 4).solve(StepGraph.load(b.build(out)), toyOps(behaviour), job()))
        .isInstanceOf(SolveException.class);
    assertThat(slowFinished.get()).as("the solve returned while a cancelled step was still running").isTrue();
  }
}

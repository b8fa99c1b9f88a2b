package dev.jbuild.daemon.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.metadata.MetadataDb;
import dev.jbuild.snapshots.CopyingSnapshotter;
import dev.jbuild.snapshots.Snapshotter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's snapshots go when it closes: on the cleanup executor it was given, so after the caller moved on. */
class JobContextTest {
  @TempDir Path tmp;
  MetadataDb db;
  Snapshotter snapshotter;

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

  private void ownTwo(JobContext job) throws Exception {
    snapshotter.prepare("b1-1-a", "");
    snapshotter.commit("b1-committed", "b1-1-a");
    job.own("b1-committed");
    snapshotter.prepare("b1-2-b", "b1-committed");
    job.own("b1-2-b");
  }

  @Test
  void closeHandsTheSnapshotsToTheCleanupExecutorWhichRemovesThemNewestFirst() throws Exception {
    List<Runnable> queued = new ArrayList<>();
    JobContext job = new JobContext("b1", snapshotter, tmp.resolve("scratch"), null, ProgressSink.NONE,
        queued::add);
    ownTwo(job);

    job.close();

    assertThat(snapshotter.stat("b1-committed")).as("still there when close returns").isPresent();
    assertThat(queued).hasSize(1);
    queued.get(0).run(); // the child first: a parent with a child could not go
    assertThat(snapshotter.stat("b1-committed")).isEmpty();
    assertThat(snapshotter.stat("b1-2-b")).isEmpty();
  }

  @Test
  void aStoppedCleanupExecutorMeansRemovingThemAtOnce() throws Exception {
    ExecutorService cleanup = Executors.newSingleThreadExecutor();
    cleanup.shutdown();
    assertThat(cleanup.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    JobContext job = new JobContext("b1", snapshotter, tmp.resolve("scratch"), null, ProgressSink.NONE, cleanup);
    ownTwo(job);

    job.close();

    assertThat(snapshotter.stat("b1-committed")).isEmpty();
    assertThat(snapshotter.stat("b1-2-b")).isEmpty();
  }
}

package dev.jbuild.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.metadata.MetadataDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CopyingSnapshotterTest extends SnapshotterContractTest {

  @Override
  protected Snapshotter newSnapshotter(Path root, MetadataDb db) throws IOException {
    return new CopyingSnapshotter(root, db);
  }

  @Test
  void openingRemovesDirectoriesWithoutARecord() throws IOException {
    committed("base", "", "f", "x");
    Path leftover = stateRoot.resolve("snapshots/999/fs");
    Files.createDirectories(leftover);
    Files.writeString(leftover.resolve("half-copied"), "crash");

    reopen();

    assertThat(stateRoot.resolve("snapshots/999")).doesNotExist();
    assertThat(files(snapshotter.prepare("child", "base"))).containsExactly("f=x");
  }

  @Test
  void openingLeavesEverythingOutsideItsRootAlone() throws IOException {
    Path neighbour = stateRoot.resolve("content/blobs/keep");
    Files.createDirectories(neighbour.getParent());
    Files.writeString(neighbour, "not mine");

    reopen();

    assertThat(neighbour).hasContent("not mine");
  }

  @Test
  void removeDeletesTheFiles() throws IOException {
    List<Mount> m = snapshotter.prepare("k", "");
    write(m, "f", "x");
    Path tree = Path.of(m.get(0).source());

    snapshotter.remove("k");

    assertThat(tree).doesNotExist();
  }

  @Test
  void snapshotDirectoriesHaveShortNumericNames() throws IOException {
    List<Mount> m = snapshotter.prepare("a-rather-long-key-that-must-not-end-up-in-mount-data", "");

    assertThat(Path.of(m.get(0).source())).isEqualTo(stateRoot.resolve("snapshots/1/fs"));
  }

  @Test
  void concurrentPreparesOfDifferentKeysAllSucceed() throws Exception {
    committed("base", "", "f", "x");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Mount>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String key = "k" + i;
        results.add(pool.submit(() -> snapshotter.prepare(key, "base")));
      }
      for (Future<List<Mount>> f : results) {
        assertThat(files(f.get())).containsExactly("f=x");
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> s = Files.list(stateRoot.resolve("snapshots"))) {
      assertThat(s).hasSize(9);
    }
  }
}

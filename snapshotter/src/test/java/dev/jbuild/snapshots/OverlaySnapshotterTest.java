package dev.jbuild.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.metadata.MetadataDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The contract on real overlayfs (needs root), plus what only the overlay snapshotter promises. */
class OverlaySnapshotterTest extends SnapshotterContractTest {

  @Override
  protected Snapshotter newSnapshotter(Path root, MetadataDb db) throws IOException {
    return new OverlaySnapshotter(root, db);
  }

  @Override
  protected Path scratchDir() {
    return ((OverlaySnapshotter) snapshotter).scratchDir();
  }

  private Path home() {
    return stateRoot.resolve("snapshots/overlay");
  }

  private static String option(Mount m, String name) {
    return m.options().stream().filter(o -> o.startsWith(name + "=")).findFirst()
        .map(o -> o.substring(name.length() + 1)).orElseThrow();
  }

  @Test
  void preparedOnAParentIsAnOverlayWithPlainDiffOptionsAndShortPaths() throws IOException {
    committed("base", "", "f", "x");
    committed("mid", "base", "g", "y");

    Mount m = snapshotter.prepare("a-rather-long-key-that-must-not-end-up-in-mount-data", "mid").get(0);

    assertThat(m.type()).isEqualTo("overlay");
    assertThat(m.options()).contains("index=off", "redirect_dir=off", "metacopy=off");
    assertThat(option(m, "upperdir")).isEqualTo(home().resolve("3/fs").toString());
    assertThat(option(m, "workdir")).isEqualTo(home().resolve("3/work").toString());
    assertThat(option(m, "lowerdir")).isEqualTo(home().resolve("2/fs") + ":" + home().resolve("1/fs"));
  }

  @Test
  void theUpperDirHoldsOnlyTheChangesWithKernelWhiteouts() throws IOException {
    committed("base", "", "dir/old", "x");
    committed("base2", "base", "keep", "k");
    List<Mount> m = snapshotter.prepare("k", "base2");
    try (MountedTree t = mount(m)) {
      Files.delete(t.root().resolve("dir/old"));
      Files.writeString(t.root().resolve("new"), "n");
    }

    Path upper = Path.of(option(m.get(0), "upperdir"));
    try (Stream<Path> s = Files.walk(upper)) {
      assertThat(s.map(p -> upper.relativize(p).toString())).containsExactlyInAnyOrder("", "dir", "dir/old", "new");
    }
    assertThat(FileMeta.lstat(upper.resolve("dir/old")).type()).isEqualTo(FileMeta.Type.CHAR);
    assertThat(FileMeta.rdev(upper.resolve("dir/old"))).isZero();
  }

  @Test
  void openingUnmountsAndRemovesWhatACrashLeftUnderItsOwnRootOnly() throws IOException {
    committed("base", "", "f", "x");
    committed("mid", "base", "g", "y");
    MountedTree leaked = mount(snapshotter.prepare("k", "mid")); // never closed: the daemon "crashed"
    Path orphan = Files.createDirectories(home().resolve("999/fs"));
    Path neighbour = Files.createDirectories(stateRoot.resolve("elsewhere"));
    Path neighbourMount = Files.createDirectories(stateRoot.resolve("elsewhere/m"));
    LinuxCalls.mount("keep", neighbourMount, "tmpfs", 0, "size=1m");
    try {
      reopen();

      assertThat(MountTable.mountPointsUnder(home())).isEmpty();
      assertThat(leaked.root()).doesNotExist();
      assertThat(orphan.getParent()).doesNotExist();
      assertThat(MountTable.mountPointsUnder(neighbour)).containsExactly(neighbourMount);
      assertThat(files(snapshotter.mounts("k"))).containsExactly("f=x", "g=y");
    } finally {
      LinuxCalls.unmount(neighbourMount, 0);
    }
  }

  @Test
  void aTreeMountedInProcessIsUnmountedOnClose() throws IOException {
    committed("base", "", "f", "x");
    List<Mount> view = snapshotter.view("v", "base");
    committed("two", "base", "g", "y");
    List<Mount> overlayView = snapshotter.view("v2", "two");
    assertThat(view.get(0).type()).isEqualTo("bind");
    assertThat(overlayView.get(0).type()).isEqualTo("overlay");

    Path root;
    try (MountedTree t = mount(overlayView)) {
      root = t.root();
      assertThat(MountTable.mountPointsUnder(home())).containsExactly(root);
      assertThatThrownBy(() -> Files.writeString(t.root().resolve("nope"), "ro")).isInstanceOf(IOException.class);
    }
    assertThat(MountTable.mountPointsUnder(home())).isEmpty();
    assertThat(root).doesNotExist();
  }

  @Test
  void aStackDeeperThanAPageOfOptionsIsRefusedAtPrepareAndTheDeepestThatFitsMounts() throws IOException {
    OverlaySnapshotter overlay = (OverlaySnapshotter) snapshotter;
    int expected = overlay.maxDepthFor(2); // ids 1..99 here: most are two digits
    String parent = "";
    int depth = 0;
    IOException refused = null;
    while (refused == null && depth < 600) {
      try {
        List<Mount> m = snapshotter.prepare("l" + depth + "-active", parent);
        try (MountedTree t = mount(m)) {
          Files.writeString(t.root().resolve("f" + depth), "x");
        }
        snapshotter.commit("l" + depth, "l" + depth + "-active");
        parent = "l" + depth;
        depth++;
      } catch (IOException e) {
        refused = e;
      }
    }
    System.out.println("overlay stack limit under " + home() + " (" + home().toString().length()
        + " chars): " + depth + " lower dirs; predicted " + expected);

    assertThat(refused).isNotNull().hasMessageContaining("more than the kernel's page").hasMessageContaining("layers fit");
    assertThat(depth).isBetween(expected, expected + 3);
    assertThat(files(snapshotter.view("deepest", parent))).hasSize(depth);
  }

  @Test
  void theCopyingSnapshotterOnTheSameRootLeavesTheOverlayDirectoryAlone() throws IOException {
    committed("base", "", "f", "x");

    new CopyingSnapshotter(stateRoot, db).close();

    assertThat(files(snapshotter.view("v", "base"))).containsExactly("f=x");
  }
}

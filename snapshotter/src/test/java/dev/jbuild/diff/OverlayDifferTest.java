package dev.jbuild.diff;

import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.fs.SampleTree;
import dev.jbuild.fs.TreeListing;
import dev.jbuild.metadata.MetadataDb;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.MountedTree;
import dev.jbuild.snapshots.OverlaySnapshotter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diff and apply on real overlay snapshots (needs root): the upper-dir fast path and apply through the mount. */
class OverlayDifferTest {
  @TempDir Path tmp;
  private MetadataDb db;
  private OverlaySnapshotter snapshots;
  private ContentStore store;
  private TarDiffer differ;

  @BeforeEach
  void open() throws IOException {
    db = MetadataDb.open(tmp);
    snapshots = new OverlaySnapshotter(tmp, db);
    store = ContentStore.local(tmp.resolve("content"));
    differ = new TarDiffer(snapshots.scratchDir(), ApplyLimits.DEFAULT);
  }

  @AfterEach
  void close() throws IOException {
    snapshots.close();
    db.close();
  }

  /** A committed base holding the sample tree of every kind, imported through apply. */
  private void base() throws IOException {
    Path src = tmp.resolve("src");
    SampleTree.createEveryKind(src);
    Descriptor layer = new TarDiffer().diff(List.of(), List.of(Mount.bind(src.toString(), true)), store);
    differ.apply(layer, snapshots.prepare("base-x", ""), store);
    snapshots.commit("base", "base-x");
  }

  private List<String> names(Descriptor d) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = store.open(d.digest())) {
      LayerTarReader r = new LayerTarReader(in, ApplyLimits.DEFAULT);
      LayerTarReader.Entry e;
      while ((e = r.next()) != null) {
        out.add(e.name());
      }
    }
    return out;
  }

  @Test
  void theUpperDirBecomesTheLayerWithWhiteoutsAndOpaqueMarkers() throws Exception {
    base();
    List<Mount> step = snapshots.prepare("step", "base");
    try (MountedTree t = MountedTree.of(step, snapshots.scratchDir())) {
      Files.delete(t.root().resolve("hello.txt"));
      dev.jbuild.fs.FsOps.removeTree(t.root().resolve("usr/bin"));
      Files.createDirectory(t.root().resolve("usr/bin")); // overlay marks it opaque
      Files.writeString(t.root().resolve("usr/bin/new"), "new");
      LinuxCalls.setXattr(t.root().resolve("usr/bin/new"), "security.capability", SampleTree.CAP_NET_RAW);
    }

    Descriptor layer = differ.diff(snapshots.view("parent-view", "base"), step, store);

    assertThat(names(layer)).containsExactly(".wh.hello.txt", "usr/", "usr/bin/", "usr/bin/.wh..wh..opq", "usr/bin/new");
    Path tarFile = tmp.resolve("l.tar");
    try (InputStream in = store.open(layer.digest())) {
      Files.copy(in, tarFile);
    }
    Map<String, PythonTarfile.Member> m = PythonTarfile.byName(PythonTarfile.read(tarFile));
    assertThat(m.get("usr/bin").pax()).doesNotContainKey("SCHILY.xattr.trusted.overlay.opaque");
    assertThat(m.get("usr/bin/new").pax()).containsKey("SCHILY.xattr.security.capability");
  }

  /** How exporters diff (views of committed snapshots): from the step's own dir, as while it was prepared. */
  @Test
  void aCommittedSnapshotsViewGivesTheLayerItsUpperDirGave() throws Exception {
    base();
    List<Mount> step = snapshots.prepare("step", "base");
    try (MountedTree t = MountedTree.of(step, snapshots.scratchDir())) {
      Files.delete(t.root().resolve("hello.txt"));
      dev.jbuild.fs.FsOps.removeTree(t.root().resolve("usr/bin"));
      Files.createDirectory(t.root().resolve("usr/bin"));
      Files.writeString(t.root().resolve("usr/bin/new"), "new");
    }
    Descriptor whilePrepared = differ.diff(snapshots.view("pv", "base"), step, store);
    snapshots.commit("stepped", "step");
    List<Mount> next = snapshots.prepare("next", "stepped");
    try (MountedTree t = MountedTree.of(next, snapshots.scratchDir())) {
      Files.writeString(t.root().resolve("usr/bin/newer"), "newer");
    }
    snapshots.commit("stepped-again", "next");

    Descriptor committed = differ.diff(snapshots.view("pv2", "base"), snapshots.view("sv", "stepped"), store);
    Descriptor onTop = differ.diff(snapshots.view("pv3", "stepped"), snapshots.view("sv2", "stepped-again"), store);

    // the walking differ would list usr/bin's deleted children one by one instead of the opaque marker
    assertThat(committed).isEqualTo(whilePrepared);
    assertThat(names(committed)).contains("usr/bin/.wh..wh..opq");
    assertThat(names(onTop)).containsExactly("usr/", "usr/bin/", "usr/bin/newer");
    assertThat(TarDiffer.upperDirOver(snapshots.view("pv4", "base"), snapshots.view("sv3", "stepped-again")))
        .as("not stacked on exactly the lower view").isEmpty();
  }

  @Test
  void directoriesCopiedUpWithoutAChangeOfTheirOwnComeOnlyAsParents() throws Exception {
    base();
    List<Mount> step = snapshots.prepare("step", "base");
    try (MountedTree t = MountedTree.of(step, snapshots.scratchDir())) {
      Files.writeString(t.root().resolve("usr/bin/stub"), ""); // what runc does for a mount point ...
      Files.delete(t.root().resolve("usr/bin/stub")); // ... and the cleanup after the step
      Files.writeString(t.root().resolve("home/app/new"), "new");
      LinuxCalls.setXattr(t.root().resolve("tmp"), "user.note", new byte[] {'x'});
    }
    Path upper = Path.of(step.get(0).options().stream().filter(o -> o.startsWith("upperdir=")).findFirst()
        .orElseThrow().substring("upperdir=".length()));
    assertThat(upper.resolve("usr/bin")).isDirectory(); // copied up, with a new mtime, and nothing in it

    Descriptor layer = differ.diff(snapshots.view("parent-view", "base"), step, store);

    assertThat(names(layer)).containsExactly("home/", "home/app/", "home/app/new", "tmp/");
  }

  @Test
  void applyingThatLayerOnTheParentGivesWhatTheStepSaw() throws IOException {
    base();
    List<Mount> step = snapshots.prepare("step", "base");
    try (MountedTree t = MountedTree.of(step, snapshots.scratchDir())) {
      Files.delete(t.root().resolve("dev/null"));
      dev.jbuild.fs.FsOps.removeTree(t.root().resolve("home"));
      Files.createDirectories(t.root().resolve("home/other"));
      Files.writeString(t.root().resolve("tmp/new"), "n");
    }
    Descriptor layer = differ.diff(snapshots.view("pv", "base"), step, store);
    snapshots.commit("stepped", "step");

    List<Mount> replay = snapshots.prepare("replay", "base");
    differ.apply(layer, replay, store);

    try (MountedTree want = MountedTree.of(snapshots.view("want", "stepped"), snapshots.scratchDir());
        MountedTree got = MountedTree.of(replay, snapshots.scratchDir())) {
      assertThat(TreeListing.of(got.root(), SECONDS)).isEqualTo(TreeListing.of(want.root(), SECONDS));
      assertThat(got.root().resolve("home/app")).doesNotExist();
    }
    Path upper = Path.of(replay.get(0).options().stream().filter(o -> o.startsWith("upperdir=")).findFirst()
        .orElseThrow().substring("upperdir=".length()));
    assertThat(FileMeta.lstat(upper.resolve("dev/null")).type()).isEqualTo(FileMeta.Type.CHAR);
    assertThat(FileMeta.rdev(upper.resolve("dev/null"))).isZero();
  }

  @Test
  void aStackImportedLayerByLayerEqualsTheTreeItCameFrom() throws IOException {
    base();
    Path src = tmp.resolve("src");
    try (MountedTree t = MountedTree.of(snapshots.view("look", "base"), snapshots.scratchDir())) {
      assertThat(TreeListing.of(t.root(), SECONDS)).isEqualTo(TreeListing.of(src, SECONDS));
    }
  }
}

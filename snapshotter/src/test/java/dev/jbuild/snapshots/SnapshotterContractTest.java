package dev.jbuild.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.metadata.MetadataDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Snapshotter} promises (containerd's snapshot test suite, in spirit). An
 * implementation's test extends this class and says how to open one; everything here goes through the
 * interface and {@link MountedTree}, so the overlay snapshotter runs the very same checks.
 */
public abstract class SnapshotterContractTest {
  @TempDir protected Path stateRoot;
  protected MetadataDb db;
  protected Snapshotter snapshotter;

  /** Opens the implementation on {@code root} (a fresh or a previously used one) with {@code db}. */
  protected abstract Snapshotter newSnapshotter(Path root, MetadataDb db) throws IOException;

  /** Where {@link MountedTree} mounts what the implementation returns (overlays need a scratch directory). */
  protected Path scratchDir() {
    return stateRoot.resolve("mnt");
  }

  /** Lends the tree of {@code mounts}, as the daemon's file steps do. */
  protected MountedTree mount(List<Mount> mounts) throws IOException {
    return MountedTree.of(mounts, scratchDir());
  }

  @BeforeEach
  void open() throws IOException {
    db = MetadataDb.open(stateRoot);
    snapshotter = newSnapshotter(stateRoot, db);
  }

  @AfterEach
  void close() throws IOException {
    snapshotter.close();
    db.close();
  }

  /** Closes and opens both the snapshotter and the database on the same root, as a daemon restart does. */
  protected void reopen() throws IOException {
    close();
    open();
  }

  protected void write(List<Mount> mounts, String path, String content) throws IOException {
    try (MountedTree t = mount(mounts)) {
      Path p = t.root().resolve(path);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
    }
  }

  protected List<String> files(List<Mount> mounts) throws IOException {
    try (MountedTree t = mount(mounts); Stream<Path> s = Files.walk(t.root())) {
      List<String> out = new ArrayList<>();
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          out.add(t.root().relativize(p) + "=" + Files.readString(p));
        }
      }
      out.sort(null);
      return out;
    }
  }

  /** Commits a snapshot on {@code parent} holding {@code path} = {@code content}. */
  protected void committed(String name, String parent, String path, String content) throws IOException {
    List<Mount> m = snapshotter.prepare(name + "-active", parent);
    write(m, path, content);
    snapshotter.commit(name, name + "-active");
  }

  @Test
  void aStackShowsEveryLayerAndDeletionsHideLowerFiles() throws IOException {
    committed("base", "", "etc/a", "base");
    List<Mount> mid = snapshotter.prepare("mid-active", "base");
    write(mid, "etc/b", "mid");
    try (MountedTree t = mount(mid)) {
      Files.delete(t.root().resolve("etc/a"));
    }
    snapshotter.commit("mid", "mid-active");
    committed("top", "mid", "etc/c", "top");

    assertThat(files(snapshotter.prepare("k", "top"))).containsExactly("etc/b=mid", "etc/c=top");
    assertThat(files(snapshotter.view("v", "top"))).containsExactly("etc/b=mid", "etc/c=top");
    assertThat(files(snapshotter.view("v-base", "base"))).containsExactly("etc/a=base");
  }

  @Test
  void anActiveSnapshotOfAFailedStepIsRemovedWithItsFiles() throws IOException {
    committed("base", "", "f", "x");
    List<Mount> m = snapshotter.prepare("failed-step", "base");
    write(m, "half-written", "partial");

    snapshotter.remove("failed-step");

    assertThat(snapshotter.stat("failed-step")).isEmpty();
    assertThat(files(snapshotter.prepare("failed-step", "base"))).containsExactly("f=x");
  }

  @Test
  void labelsAreKeptReplacedAndSurviveAReopen() throws IOException {
    committed("base", "", "f", "x");

    snapshotter.setLabels("base", java.util.Map.of("jbuild.ref", "layer-1", "gc.root", "true"));
    snapshotter.setLabels("base", java.util.Map.of("jbuild.ref", "layer-2"));
    reopen();

    assertThat(snapshotter.labels("base")).containsExactly(java.util.Map.entry("jbuild.ref", "layer-2"));
    assertThatThrownBy(() -> snapshotter.labels("nope")).isInstanceOf(IOException.class).hasMessageContaining("nope");
  }

  @Test
  void lastUseMovesWhenAParentIsUsedAndCommittedUsageIsKept() throws Exception {
    committed("base", "", "big", "x".repeat(50_000));
    long created = snapshotter.lastUsedMillis("base");
    Snapshotter.Usage atCommit = snapshotter.usage("base");
    Thread.sleep(5);

    snapshotter.prepare("child", "base");

    assertThat(snapshotter.lastUsedMillis("base")).isGreaterThan(created);
    assertThat(atCommit.size()).isGreaterThanOrEqualTo(50_000);
    reopen();
    assertThat(snapshotter.usage("base")).isEqualTo(atCommit);
  }

  @Test
  void prepareOnEmptyParentGivesAnEmptyWritableTree() throws IOException {
    List<Mount> m = snapshotter.prepare("k", "");

    assertThat(m).isNotEmpty().noneMatch(Mount::readOnly);
    assertThat(files(m)).isEmpty();
    assertThat(snapshotter.stat("k")).get().extracting(Snapshotter.Info::kind).isEqualTo(Snapshotter.Kind.ACTIVE);
  }

  @Test
  void prepareOnParentSeesParentFiles() throws IOException {
    committed("base", "", "etc/os-release", "jbuild");

    List<Mount> m = snapshotter.prepare("child", "base");

    assertThat(files(m)).containsExactly("etc/os-release=jbuild");
    assertThat(snapshotter.stat("child")).get().extracting(Snapshotter.Info::parent).isEqualTo("base");
  }

  @Test
  void changesInAChildDoNotLeakToTheParent() throws IOException {
    committed("base", "", "a", "base");
    List<Mount> child = snapshotter.prepare("child", "base");

    write(child, "a", "changed");
    write(child, "b", "new");

    List<Mount> look = snapshotter.view("look", "base");
    assertThat(files(look)).containsExactly("a=base");
    assertThat(files(snapshotter.prepare("sibling", "base"))).containsExactly("a=base");
  }

  @Test
  void mountsReturnsTheSameTreeAgain() throws IOException {
    write(snapshotter.prepare("k", ""), "f", "x");

    assertThat(files(snapshotter.mounts("k"))).containsExactly("f=x");
  }

  @Test
  void commitMakesANamedParentAndTheKeyIsGone() throws IOException {
    write(snapshotter.prepare("k", ""), "f", "x");

    snapshotter.commit("layer", "k");

    assertThat(snapshotter.stat("k")).isEmpty();
    assertThat(snapshotter.stat("layer")).get().extracting(Snapshotter.Info::kind)
        .isEqualTo(Snapshotter.Kind.COMMITTED);
    assertThatThrownBy(() -> snapshotter.mounts("k")).isInstanceOf(IOException.class).hasMessageContaining("k");
    assertThat(files(snapshotter.prepare("next", "layer"))).containsExactly("f=x");
  }

  @Test
  void commitOfAViewIsRefused() throws IOException {
    committed("base", "", "f", "x");
    snapshotter.view("v", "base");

    assertThatThrownBy(() -> snapshotter.commit("c", "v")).isInstanceOf(IOException.class).hasMessageContaining("v");
    assertThat(snapshotter.stat("v")).get().extracting(Snapshotter.Info::kind).isEqualTo(Snapshotter.Kind.VIEW);
    assertThat(snapshotter.stat("c")).isEmpty();
  }

  @Test
  void commitOfUnknownOrCommittedKeyIsRefused() throws IOException {
    committed("base", "", "f", "x");

    assertThatThrownBy(() -> snapshotter.commit("c", "nope")).isInstanceOf(IOException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> snapshotter.commit("c", "base")).isInstanceOf(IOException.class).hasMessageContaining("base");
  }

  @Test
  void commitUnderAnExistingNameIsRefusedAndTheKeyStaysActive() throws IOException {
    committed("taken", "", "f", "x");
    snapshotter.prepare("k", "");

    assertThatThrownBy(() -> snapshotter.commit("taken", "k")).isInstanceOf(IOException.class).hasMessageContaining("taken");
    assertThat(snapshotter.stat("k")).get().extracting(Snapshotter.Info::kind).isEqualTo(Snapshotter.Kind.ACTIVE);
  }

  @Test
  void unknownParentIsRefused() {
    assertThatThrownBy(() -> snapshotter.prepare("k", "missing")).isInstanceOf(IOException.class).hasMessageContaining("missing");
    assertThatThrownBy(() -> snapshotter.view("v", "missing")).isInstanceOf(IOException.class).hasMessageContaining("missing");
  }

  @Test
  void activeSnapshotCannotBeAParent() throws IOException {
    snapshotter.prepare("active", "");

    assertThatThrownBy(() -> snapshotter.prepare("k", "active")).isInstanceOf(IOException.class).hasMessageContaining("active");
  }

  @Test
  void duplicateKeyIsRefusedAndTheFirstIsUntouched() throws IOException {
    write(snapshotter.prepare("k", ""), "f", "first");

    assertThatThrownBy(() -> snapshotter.prepare("k", "")).isInstanceOf(IOException.class).hasMessageContaining("k");
    assertThatThrownBy(() -> snapshotter.view("k", "")).isInstanceOf(IOException.class).hasMessageContaining("k");
    assertThat(files(snapshotter.mounts("k"))).containsExactly("f=first");
  }

  @Test
  void keysAndNamesShareOneNamespace() throws IOException {
    committed("name", "", "f", "x");

    assertThatThrownBy(() -> snapshotter.prepare("name", "")).isInstanceOf(IOException.class).hasMessageContaining("name");
  }

  @Test
  void removeOfAParentWithChildrenIsRefusedUntilTheChildrenAreGone() throws IOException {
    committed("base", "", "f", "x");
    snapshotter.prepare("child", "base");
    snapshotter.view("view", "base");

    assertThatThrownBy(() -> snapshotter.remove("base")).isInstanceOf(IOException.class).hasMessageContaining("base");
    assertThat(files(snapshotter.mounts("child"))).containsExactly("f=x");

    snapshotter.remove("child");
    snapshotter.remove("view");
    snapshotter.remove("base");
    assertThat(snapshotter.stat("base")).isEmpty();
  }

  @Test
  void removeOfUnknownKeyIsRefused() {
    assertThatThrownBy(() -> snapshotter.remove("ghost")).isInstanceOf(IOException.class).hasMessageContaining("ghost");
  }

  @Test
  void removedKeyCanBePreparedAgainFresh() throws IOException {
    write(snapshotter.prepare("k", ""), "f", "old");
    snapshotter.remove("k");

    assertThat(snapshotter.stat("k")).isEmpty();
    assertThat(files(snapshotter.prepare("k", ""))).isEmpty();
  }

  @Test
  void viewIsReadOnlyAndShowsTheParent() throws IOException {
    committed("base", "", "f", "x");

    List<Mount> v = snapshotter.view("v", "base");

    assertThat(v).isNotEmpty().allMatch(Mount::readOnly);
    assertThat(files(v)).containsExactly("f=x");
    assertThat(files(snapshotter.mounts("v"))).containsExactly("f=x");
    assertThat(snapshotter.stat("v")).get().extracting(Snapshotter.Info::parent).isEqualTo("base");
  }

  @Test
  void viewOfTheEmptyTreeIsEmptyAndReadOnly() throws IOException {
    List<Mount> v = snapshotter.view("v", "");

    assertThat(v).isNotEmpty().allMatch(Mount::readOnly);
    assertThat(files(v)).isEmpty();
  }

  @Test
  void usageGrowsWithContent() throws IOException {
    List<Mount> m = snapshotter.prepare("k", "");
    Snapshotter.Usage empty = snapshotter.usage("k");

    write(m, "big", "x".repeat(100_000));
    write(m, "dir/small", "y");

    Snapshotter.Usage full = snapshotter.usage("k");
    assertThat(full.size()).isGreaterThanOrEqualTo(empty.size() + 100_001);
    assertThat(full.inodes()).isGreaterThanOrEqualTo(empty.inodes() + 3);
    assertThatThrownBy(() -> snapshotter.usage("nope")).isInstanceOf(IOException.class).hasMessageContaining("nope");
  }

  @Test
  void walkListsEverySnapshotWithKindAndParent() throws IOException {
    committed("base", "", "f", "x");
    snapshotter.prepare("active", "base");
    snapshotter.view("view", "base");

    List<Snapshotter.Info> all = new ArrayList<>();
    snapshotter.walk(all::add);

    assertThat(all).extracting(Snapshotter.Info::name, Snapshotter.Info::kind, Snapshotter.Info::parent)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("base", Snapshotter.Kind.COMMITTED, ""),
            org.assertj.core.groups.Tuple.tuple("active", Snapshotter.Kind.ACTIVE, "base"),
            org.assertj.core.groups.Tuple.tuple("view", Snapshotter.Kind.VIEW, "base"));
    assertThat(all).allMatch(i -> i.createdMillis() > 0);
  }

  @Test
  void stateSurvivesAReopen() throws IOException {
    committed("base", "", "f", "x");
    write(snapshotter.prepare("active", "base"), "g", "y");
    snapshotter.view("view", "base");
    List<Snapshotter.Info> before = new ArrayList<>();
    snapshotter.walk(before::add);

    reopen();

    List<Snapshotter.Info> after = new ArrayList<>();
    snapshotter.walk(after::add);
    assertThat(after).containsExactlyInAnyOrderElementsOf(before);
    assertThat(files(snapshotter.mounts("active"))).containsExactly("f=x", "g=y");
    assertThat(files(snapshotter.mounts("view"))).containsExactly("f=x");
    assertThat(files(snapshotter.prepare("again", "base"))).containsExactly("f=x");
    assertThatThrownBy(() -> snapshotter.remove("base")).isInstanceOf(IOException.class);
  }

  @Test
  void errorsLeaveTheStateAsItWas() throws IOException {
    committed("base", "", "f", "x");
    List<Snapshotter.Info> before = new ArrayList<>();
    snapshotter.walk(before::add);

    assertThatThrownBy(() -> snapshotter.prepare("base", "")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> snapshotter.prepare("k", "nope")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> snapshotter.commit("x", "nope")).isInstanceOf(IOException.class);

    List<Snapshotter.Info> after = new ArrayList<>();
    snapshotter.walk(after::add);
    assertThat(after).isEqualTo(before);
  }
}

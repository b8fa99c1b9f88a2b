package dev.jbuild.snapshots;

import dev.jbuild.fs.Fsync;
import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.metadata.MetadataDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link Snapshotter}: overlayfs, containerd's layout and mounts. Each snapshot owns
 * {@code <root>/snapshots/overlay/<id>/fs} (its upper dir: exactly its own changes) and {@code .../work};
 * ids are short numbers, because the mount options of a stack name every lower dir and the kernel takes
 * one page of them ({@link #maxDepthFor}). Records live in the {@link MetadataDb}, component
 * "overlay_snapshots".
 *
 * <p>Mounts returned:
 * <ul>
 *   <li>prepare on the empty tree: a rw bind of the snapshot's own fs (nothing to overlay);</li>
 *   <li>prepare on a parent: {@code overlay} with {@code index=off,redirect_dir=off,metacopy=off} (so the
 *       upper dir is a plain diff: no redirects, no metadata-only copy-ups, no index), {@code workdir},
 *       {@code upperdir} and {@code lowerdir} = parent, grandparent, ... (nearest first);</li>
 *   <li>view: a ro bind of its own empty fs (empty tree) or of the parent's fs (one ancestor), else a
 *       read-only overlay of the lower dirs only.</li>
 * </ul>
 *
 * <p>Crash safety: directories are created and fsynced before the record that names them; a commit
 * fsyncs the upper dir before the record says committed; a record is deleted before its files. Opening
 * unmounts whatever is mounted under {@code snapshots/overlay} (in-process mounts of {@link MountedTree}
 * under {@link #scratchDir()}; nothing else is touched), empties the scratch dir and removes numbered
 * directories that have no record. Active snapshots of failed or cancelled steps are removed with
 * {@link #remove} like any other.
 */
public final class OverlaySnapshotter extends RecordedSnapshotter {
  /** Options that keep the upper dir a plain diff (checked against this kernel: 6.x accepts all three). */
  public static final List<String> PLAIN_DIFF_OPTIONS = List.of("index=off", "redirect_dir=off", "metacopy=off");

  private final Path home;
  private final Path scratch;
  private final AtomicLong lastId;

  /** Opens (creating if needed) the snapshotter under {@code root} and cleans what a crash left there. */
  public OverlaySnapshotter(Path root, MetadataDb db) throws IOException {
    super(new SnapshotRecords(db, "overlay_snapshots"));
    this.home = root.toAbsolutePath().resolve("snapshots").resolve("overlay");
    this.scratch = home.resolve("m");
    Files.createDirectories(scratch);
    cleanUpAfterCrash();
    this.lastId = new AtomicLong(records.maxId());
  }

  /** Where {@link MountedTree#of(List, Path)} should mount this snapshotter's overlays in-process. */
  public Path scratchDir() {
    return scratch;
  }

  /**
   * How many lower dirs a stack can have under this root before its mount options exceed the page the
   * kernel copies them into (ids assumed to be {@code idDigits} long).
   */
  public int maxDepthFor(int idDigits) {
    int snapshotDir = home.toString().length() + 1 + idDigits;
    int fixed = String.join(",", PLAIN_DIFF_OPTIONS).length()
        + ",workdir=".length() + snapshotDir + "/work".length()
        + ",upperdir=".length() + snapshotDir + "/fs".length()
        + ",lowerdir=".length();
    int perLayer = snapshotDir + "/fs".length() + 1;
    return (LinuxCalls.MAX_MOUNT_DATA - fixed + 1) / perLayer;
  }

  private void cleanUpAfterCrash() throws IOException {
    for (Path mountPoint : MountTable.mountPointsUnder(home)) {
      LinuxCalls.unmount(mountPoint, LinuxCalls.MNT_DETACH);
    }
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(scratch)) {
      for (Path p : leftovers) {
        FsOps.removeTree(p);
      }
    }
    Set<String> known = new HashSet<>();
    for (SnapshotRecords.Row row : records.all()) {
      known.add(Long.toString(row.id()));
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(home)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (name.matches("[0-9]+") && !known.contains(name)) {
          FsOps.removeTree(dir);
        }
      }
    }
    Fsync.dir(home);
  }

  private Path dirOf(long id) {
    return home.resolve(Long.toString(id));
  }

  @Override
  protected Path fsOf(long id) {
    return dirOf(id).resolve("fs");
  }

  @Override
  public List<Mount> prepare(String key, String parent) throws IOException {
    return create(key, parent, Kind.ACTIVE);
  }

  @Override
  public List<Mount> view(String key, String parent) throws IOException {
    return create(key, parent, Kind.VIEW);
  }

  private List<Mount> create(String key, String parent, Kind kind) throws IOException {
    if (key == null || key.isEmpty()) {
      throw new IOException("a snapshot key must not be empty");
    }
    if (records.find(key).isPresent()) {
      throw new IOException("snapshot " + key + " already exists");
    }
    Optional<SnapshotRecords.Row> parentRow = records.committedParent(parent);
    long id = lastId.incrementAndGet();
    List<Long> lowers = new ArrayList<>();
    if (parentRow.isPresent()) {
      lowers.add(parentRow.get().id());
      lowers.addAll(records.ancestors(parentRow.get().id()));
    }
    checkFits(kind == Kind.ACTIVE ? id : 0, lowers, key);
    Path dir = dirOf(id);
    try {
      Files.createDirectory(dir);
      Files.createDirectory(dir.resolve("fs"));
      Files.createDirectory(dir.resolve("work"));
      Fsync.dir(dir);
      Fsync.dir(home);
      records.insert(id, key, kind, parent);
      if (parentRow.isPresent()) {
        records.touch(parentRow.get().id());
      }
      return mountsOf(id, kind, lowers);
    } catch (IOException | RuntimeException e) {
      FsOps.removeTree(dir);
      throw e;
    }
  }

  /** {@code upperId} 0: a read-only view, whose options name no upper or work dir. */
  private void checkFits(long upperId, List<Long> lowers, String key) throws IOException {
    if (lowers.size() < (upperId == 0 ? 2 : 1)) {
      return;
    }
    String data = overlayData(lowers, upperId);
    if (data.getBytes(StandardCharsets.UTF_8).length > LinuxCalls.MAX_MOUNT_DATA) {
      throw new IOException("cannot prepare " + key + ": a stack of " + lowers.size() + " layers under " + home
          + " needs " + data.length() + " bytes of overlay options, more than the kernel's page ("
          + LinuxCalls.MAX_MOUNT_DATA + "); about " + maxDepthFor(Long.toString(lastId.get()).length())
          + " layers fit: squash the image or use a shorter state root");
    }
  }

  private String overlayData(List<Long> lowers, long id) {
    return String.join(",", overlayOptions(lowers, id));
  }

  private List<String> overlayOptions(List<Long> lowers, long upperId) {
    List<String> options = new ArrayList<>(PLAIN_DIFF_OPTIONS);
    if (upperId != 0) {
      options.add("workdir=" + dirOf(upperId).resolve("work"));
      options.add("upperdir=" + fsOf(upperId));
    }
    List<String> dirs = new ArrayList<>();
    for (long l : lowers) {
      dirs.add(fsOf(l).toString());
    }
    options.add("lowerdir=" + String.join(":", dirs));
    return options;
  }

  private List<Mount> mountsOf(long id, Kind kind, List<Long> lowers) {
    if (kind == Kind.ACTIVE) {
      if (lowers.isEmpty()) {
        return List.of(Mount.bind(fsOf(id).toString(), false));
      }
      return List.of(new Mount("overlay", "overlay", overlayOptions(lowers, id)));
    }
    if (lowers.size() <= 1) {
      long shown = lowers.isEmpty() ? id : lowers.get(0);
      return List.of(Mount.bind(fsOf(shown).toString(), true));
    }
    List<String> options = new ArrayList<>(List.of("ro"));
    options.addAll(overlayOptions(lowers, 0));
    return List.of(new Mount("overlay", "overlay", options));
  }

  @Override
  public List<Mount> mounts(String key) throws IOException {
    SnapshotRecords.Row row = records.find(key).orElseThrow(() -> new IOException("no snapshot " + key));
    if (row.kind() == Kind.COMMITTED) {
      throw new IOException(key + " is committed; mount it through view(key, \"" + key + "\") or prepare");
    }
    List<Long> lowers = records.ancestors(row.id());
    records.touch(row.id());
    return mountsOf(row.id(), row.kind(), lowers);
  }

  @Override
  public void commit(String name, String key) throws IOException {
    if (name == null || name.isEmpty()) {
      throw new IOException("a snapshot name must not be empty");
    }
    SnapshotRecords.Row row = records.find(key).orElseThrow(() -> new IOException("cannot commit: no snapshot " + key));
    if (row.kind() == Kind.ACTIVE) {
      Fsync.tree(fsOf(row.id())); // the step's writes must be on disk before the record says committed
    }
    records.commit(name, key);
    records.storeUsage(row.id(), DiskUsage.of(fsOf(row.id()))); // size is only a GC hint: after the commit is fine
  }

  @Override
  public void remove(String keyOrName) throws IOException {
    SnapshotRecords.Row row = records.delete(keyOrName);
    FsOps.removeTree(dirOf(row.id()));
  }

}

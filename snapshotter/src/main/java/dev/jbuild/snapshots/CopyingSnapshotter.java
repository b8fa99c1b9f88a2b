package dev.jbuild.snapshots;

import dev.jbuild.fs.Fsync;
import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.Overrides;
import dev.jbuild.metadata.MetadataDb;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback {@link Snapshotter}: every prepared snapshot is a full copy of its parent's tree, so it works
 * on any file system, at the cost of time and disk. Layout: {@code <root>/snapshots/<id>/fs}, ids short
 * numbers; records in the {@link MetadataDb} (component "snapshots").
 *
 * <p>Views are not copied: {@link #view} returns a read-only bind of the parent's committed directory
 * (an empty directory of its own for the empty parent). The "ro" option is enforced by the kernel when
 * the mount is mounted (in a container); in-process writes through {@link MountedTree} would reach the
 * parent, so callers must honour {@link Mount#readOnly()}. A view's usage is therefore 0.
 *
 * <p>Crash safety: a snapshot's files are written and fsynced before its record; a record is deleted
 * before its files. Opening removes numbered directories under {@code snapshots/} that have no record
 * (other names there, such as the overlay snapshotter's {@code overlay/}, are not its own).
 */
public final class CopyingSnapshotter extends RecordedSnapshotter {
  private final Path snapshotsDir;
  private final AtomicLong lastId;

  /** Opens (creating if needed) the snapshotter under {@code root} and removes crash leftovers there. */
  public CopyingSnapshotter(Path root, MetadataDb db) throws IOException {
    super(new SnapshotRecords(db, "snapshots"));
    this.snapshotsDir = root.resolve("snapshots");
    Files.createDirectories(snapshotsDir);
    removeUnrecordedDirs();
    this.lastId = new AtomicLong(records.maxId());
  }

  private void removeUnrecordedDirs() throws IOException {
    Set<String> known = new HashSet<>();
    for (SnapshotRecords.Row row : records.all()) {
      known.add(Long.toString(row.id()));
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(snapshotsDir)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (name.matches("[0-9]+") && !known.contains(name)) { // only ids are ours: snapshots/overlay is not
          FsOps.removeTree(dir);
        }
      }
    }
    Fsync.dir(snapshotsDir);
  }

  @Override
  protected Path fsOf(long id) {
    return snapshotsDir.resolve(Long.toString(id)).resolve("fs");
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
    checkName(key);
    refuseExisting(key);
    Optional<SnapshotRecords.Row> parentRow = unwrap(() -> records.committedParent(parent));
    long id = lastId.incrementAndGet();
    Path dir = snapshotsDir.resolve(Long.toString(id));
    boolean ownTree = kind == Kind.ACTIVE || parentRow.isEmpty();
    try {
      if (ownTree) {
        Files.createDirectory(dir);
        if (parentRow.isPresent()) {
          FsOps.copyTree(fsOf(parentRow.get().id()), fsOf(id), Overrides.NONE);
        } else {
          Files.createDirectory(fsOf(id));
        }
        Fsync.tree(dir);
        Fsync.dir(snapshotsDir);
      }
      SnapshotRecords.Row row = unwrap(() -> records.insert(id, key, kind, parent));
      if (parentRow.isPresent()) {
        records.touch(parentRow.get().id());
      }
      return mountsOf(row);
    } catch (IOException | RuntimeException e) {
      FsOps.removeTree(dir);
      throw e;
    }
  }

  private void refuseExisting(String key) throws IOException {
    if (records.find(key).isPresent()) {
      throw new IOException("snapshot " + key + " already exists");
    }
  }

  @Override
  public List<Mount> mounts(String key) throws IOException {
    SnapshotRecords.Row row = records.find(key).orElseThrow(() -> new IOException("no snapshot " + key));
    if (row.kind() == Kind.COMMITTED) {
      throw new IOException(key + " is committed; mount it through view(key, \"" + key + "\") or prepare");
    }
    records.touch(row.id());
    return mountsOf(row);
  }

  private List<Mount> mountsOf(SnapshotRecords.Row row) {
    if (row.kind() == Kind.VIEW && row.parentId() != 0) {
      return List.of(Mount.bind(fsOf(row.parentId()).toString(), true));
    }
    return List.of(Mount.bind(fsOf(row.id()).toString(), row.kind() != Kind.ACTIVE));
  }

  @Override
  public void commit(String name, String key) throws IOException {
    checkName(name);
    SnapshotRecords.Row row = records.find(key).orElseThrow(() -> new IOException("cannot commit: no snapshot " + key));
    if (row.kind() == Kind.ACTIVE) {
      Fsync.tree(fsOf(row.id())); // what the step wrote must be on disk before the record says committed
    }
    unwrap(() -> {
      records.commit(name, key);
      return null;
    });
    records.storeUsage(row.id(), DiskUsage.of(fsOf(row.id()))); // only a GC hint: after the commit is fine
  }

  @Override
  public void remove(String keyOrName) throws IOException {
    SnapshotRecords.Row row = unwrap(() -> records.delete(keyOrName));
    FsOps.removeTree(snapshotsDir.resolve(Long.toString(row.id())));
  }


  private static void checkName(String name) throws IOException {
    if (name == null || name.isEmpty()) {
      throw new IOException("a snapshot key or name must not be empty");
    }
  }

  private interface Call<T> {
    T call() throws IOException;
  }

  private static <T> T unwrap(Call<T> call) throws IOException {
    try {
      return call.call();
    } catch (SnapshotRecords.StateException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}

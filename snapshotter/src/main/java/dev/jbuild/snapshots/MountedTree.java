package dev.jbuild.snapshots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Lends a host directory that shows a list of mounts, for file work done in the daemon's own process
 * (copying files, diffing, applying layers). Close it to give the directory back.
 *
 * <p>A single bind mount needs no syscall: its source directory is the tree. Other mount types (overlay)
 * are mounted on a short scratch path and unmounted on close; they come with the overlay snapshotter.
 */
public final class MountedTree implements AutoCloseable {
  private final Path root;
  private final Runnable release;

  private MountedTree(Path root, Runnable release) {
    this.root = root;
    this.release = release;
  }

  public static MountedTree of(List<Mount> mounts) throws IOException {
    if (mounts.size() == 1 && mounts.get(0).type().equals("bind")) {
      return new MountedTree(Path.of(mounts.get(0).source()), () -> {});
    }
    throw new IOException("mounting " + mounts + " in-process is not supported yet");
  }

  /** The directory that shows the tree. Writable only when the mounts are. */
  public Path root() {
    return root;
  }

  @Override
  public void close() {
    release.run();
  }
}

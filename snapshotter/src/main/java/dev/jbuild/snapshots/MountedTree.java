package dev.jbuild.snapshots;

import dev.jbuild.fs.LinuxCalls;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lends a host directory that shows a list of mounts, for file work done in the daemon's own process
 * (copying files, diffing, applying layers). Close it to give the directory back.
 *
 * <p>A single bind mount needs no syscall: its source directory is the tree ("ro" is then only a promise
 * the caller keeps). An overlay mount is mounted (read-only when its options say "ro") on a fresh, short
 * numbered directory under a scratch directory the caller owns, and unmounted and removed on close; the
 * overlay snapshotter offers one ({@link OverlaySnapshotter#scratchDir()}) that it cleans after a crash.
 */
public final class MountedTree implements AutoCloseable {
  private static final AtomicLong NEXT = new AtomicLong();

  private final Path root;
  private final Release release;

  private interface Release {
    void run() throws IOException;
  }

  private MountedTree(Path root, Release release) {
    this.root = root;
    this.release = release;
  }

  /** Binds only (no scratch directory needed); an overlay is refused with a pointer to the other factory. */
  public static MountedTree of(List<Mount> mounts) throws IOException {
    if (isSingleBind(mounts)) {
      return new MountedTree(Path.of(mounts.get(0).source()), () -> {});
    }
    throw new IOException("mounting " + mounts + " in-process needs a scratch directory: use MountedTree.of(mounts, dir)");
  }

  /** Any mounts a snapshotter returns: a single bind, or a single overlay mounted under {@code scratchDir}. */
  public static MountedTree of(List<Mount> mounts, Path scratchDir) throws IOException {
    if (isSingleBind(mounts)) {
      return of(mounts);
    }
    if (mounts.size() != 1 || !mounts.get(0).type().equals("overlay")) {
      throw new IOException("cannot mount " + mounts + " in-process: only one bind or one overlay mount is supported");
    }
    Mount m = mounts.get(0);
    Files.createDirectories(scratchDir);
    Path target = freshDir(scratchDir);
    List<String> data = new ArrayList<>();
    for (String o : m.options()) {
      if (!o.equals("ro") && !o.equals("rw")) {
        data.add(o);
      }
    }
    try {
      LinuxCalls.mount(m.source(), target, "overlay", m.readOnly() ? LinuxCalls.MS_RDONLY : 0, String.join(",", data));
    } catch (IOException e) {
      Files.deleteIfExists(target);
      throw e;
    }
    return new MountedTree(target, () -> {
      try {
        LinuxCalls.unmount(target, 0);
      } catch (IOException busy) {
        LinuxCalls.unmount(target, LinuxCalls.MNT_DETACH); // someone still has a file open in it: detach
      }
      Files.deleteIfExists(target);
    });
  }

  private static boolean isSingleBind(List<Mount> mounts) {
    return mounts.size() == 1 && mounts.get(0).type().equals("bind");
  }

  private static Path freshDir(Path scratchDir) throws IOException {
    while (true) {
      Path p = scratchDir.resolve(Long.toString(NEXT.incrementAndGet()));
      try {
        return Files.createDirectory(p);
      } catch (FileAlreadyExistsException taken) {
        // left by another process or an earlier run: try the next number
      }
    }
  }

  /** The directory that shows the tree. Writable only when the mounts are. */
  public Path root() {
    return root;
  }

  /** Unmounts (when something was mounted); an unmount failure is thrown. */
  @Override
  public void close() throws IOException {
    release.run();
  }
}

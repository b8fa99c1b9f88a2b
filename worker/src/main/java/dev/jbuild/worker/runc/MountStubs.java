package dev.jbuild.worker.runc;

import dev.jbuild.fs.InRoot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * runc creates every missing mount point in the rootfs (an empty file for a file mount, an empty directory
 * otherwise, and their missing parents), which on a snapshot means in the step's layer. Recorded before a
 * run, removed after it, as BuildKit's mount-stub cleaner does: the paths of the container's mount
 * destinations (symlinks resolved inside the rootfs) that did not exist, deepest first, each removed only
 * if it is still an empty file or directory (what the process put there stays). The parent's times are put
 * back after each removal, so that a removal alone does not show as a change.
 *
 * <p>BuildKit counts only /etc/hosts, /etc/resolv.conf and the step's own mounts; here every mount of the
 * spec counts, so /proc, /dev and /sys created in an image that lacks them (FROM scratch) stay out of the
 * layer too: nothing of the machinery lands in a layer.
 */
final class MountStubs {
  private static final Logger LOG = LoggerFactory.getLogger(MountStubs.class);

  private final List<Path> missing;

  private MountStubs(List<Path> missing) {
    this.missing = missing;
  }

  /** Records which of the mount points runc will need are missing from {@code root} now. */
  static MountStubs record(Path root, List<String> destinations) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (String dest : destinations) {
      Path p = InRoot.resolve(root, dest, true);
      while (!p.equals(root) && p.startsWith(root) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        missing.add(p);
        p = p.getParent();
      }
    }
    return new MountStubs(missing);
  }

  /** Removes what runc created and nobody filled; failures are logged, never thrown (the run is over). */
  void remove() {
    for (Path p : missing) {
      try {
        removeIfStub(p);
      } catch (IOException e) {
        LOG.warn("could not remove mount stub {}: {}", p, e.toString());
      }
    }
  }

  private static void removeIfStub(Path p) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException gone) {
      return;
    }
    if (a.isDirectory() ? !isEmpty(p) : a.size() != 0) {
      return;
    }
    Path parent = p.getParent();
    BasicFileAttributeView view = Files.getFileAttributeView(parent, BasicFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    BasicFileAttributes before = view.readAttributes();
    Files.delete(p);
    view.setTimes(before.lastModifiedTime(), before.lastAccessTime(), null);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }
}

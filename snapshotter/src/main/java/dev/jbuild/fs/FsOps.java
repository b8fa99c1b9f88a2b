package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * File-system primitives shared by COPY and the snapshotters. Nothing here follows a symlink: a symlink is
 * copied, chowned, timed and removed as itself.
 */
public final class FsOps {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private FsOps() {}

  /**
   * Copies one entry: a regular file's content, a directory (empty: children are the caller's business),
   * or a symlink (its target verbatim), then applies {@code src}'s metadata with {@code o} on top. An
   * existing {@code dst} directory is kept when {@code src} is a directory; an existing file or symlink is
   * replaced by a file or symlink; a directory and a non-directory never replace each other
   * ({@link FileConflictException}), as BuildKit's copier refuses them. Devices and fifos are made with
   * mknod; sockets are skipped. Extended attributes are copied (after the owner: chown drops capabilities).
   */
  public static void copyEntry(Path src, Path dst, Overrides o) throws IOException {
    FileMeta meta = FileMeta.lstat(src);
    if (createEntry(src, meta, dst)) {
      applyMeta(dst, o.applyTo(meta));
      Xattrs.copy(src, dst);
    }
  }

  /**
   * Copies a whole tree, keeping types (devices and fifos too), uid/gid, modes, mtimes, symlinks and
   * extended attributes; regular files hard-linked
   * inside the tree stay hard-linked. {@code src} may be a single file or symlink. Directories get their
   * metadata after their children are written, so their mtimes are the source's.
   */
  public static void copyTree(Path src, Path dst, Overrides o) throws IOException {
    copyTree(src, dst, o, CopyFilter.ALL);
  }

  /** {@link #copyTree(Path, Path, Overrides)} of what {@code filter} lets through. */
  public static void copyTree(Path src, Path dst, Overrides o, CopyFilter filter) throws IOException {
    Files.walkFileTree(src, new TreeCopier(src, dst, o, filter, false));
  }

  /**
   * Lays the tree {@code src} over the directory {@code dst} as an image layer lies over the ones below
   * (COPY --link's merge): an entry replaces whatever is at its path, a directory replaces a non-directory and
   * a non-directory replaces a directory with everything under it, directories present on both sides merge and
   * take {@code src}'s metadata. A symlink in {@code dst} is never followed: where {@code src} has a directory,
   * the symlink is replaced by it.
   */
  public static void mergeTree(Path src, Path dst) throws IOException {
    Files.walkFileTree(src, new TreeCopier(src, dst, Overrides.NONE, CopyFilter.ALL, true));
  }

  /**
   * Creates {@code dst} as an entry of {@code meta}'s type, without metadata (a regular file gets
   * {@code src}'s content). Returns false when the entry is skipped (sockets).
   */
  static boolean createEntry(Path src, FileMeta meta, Path dst) throws IOException {
    if (meta.type() == FileMeta.Type.DIR && Files.isDirectory(dst, NOFOLLOW)) {
      return true;
    }
    switch (meta.type()) {
      case SOCKET:
        return false;
      default:
        break;
    }
    if (Files.exists(dst, NOFOLLOW)) {
      if (Files.isDirectory(dst, NOFOLLOW)) {
        throw new FileConflictException(dst, "cannot replace a directory with a file");
      }
      if (meta.type() == FileMeta.Type.DIR) {
        throw new FileConflictException(dst, "cannot copy a directory onto a non-directory");
      }
      Files.delete(dst);
    }
    switch (meta.type()) {
      case DIR:
        Files.createDirectory(dst);
        break;
      case SYMLINK:
        Files.createSymbolicLink(dst, Path.of(meta.linkTarget()));
        break;
      case CHAR:
      case BLOCK:
      case FIFO:
        long rdev = meta.type() == FileMeta.Type.FIFO ? 0 : FileMeta.rdev(src);
        mknod(dst, meta.type(), LinuxCalls.major(rdev), LinuxCalls.minor(rdev));
        break;
      default:
        Files.copy(src, dst, NOFOLLOW);
        break;
    }
    return true;
  }

  /** Creates a character or block device (major, minor) or a fifo (0, 0) with mode 0: set it with applyMeta. */
  public static void mknod(Path dst, FileMeta.Type type, long major, long minor) throws IOException {
    if (type != FileMeta.Type.CHAR && type != FileMeta.Type.BLOCK && type != FileMeta.Type.FIFO) {
      throw new IllegalArgumentException("mknod makes devices and fifos, not " + type);
    }
    FileMeta probe = new FileMeta(type, 0, 0, 0, 0, java.time.Instant.EPOCH, null, 0, 1, 0);
    LinuxCalls.mknod(dst, probe.typeBits(), 0, major, minor);
  }

  /**
   * Sets owner, mode (setuid/setgid/sticky included) and mtime of {@code path} to {@code meta}'s, in that
   * order (chown clears setuid bits, so mode comes after it). Symlinks get lchown and an mtime of their own
   * (nanoseconds); their mode does not exist on Linux. Fifos and devices are never opened.
   */
  public static void applyMeta(Path path, FileMeta meta) throws IOException {
    Files.setAttribute(path, "unix:uid", meta.uid(), NOFOLLOW);
    Files.setAttribute(path, "unix:gid", meta.gid(), NOFOLLOW);
    if (meta.type() != FileMeta.Type.SYMLINK) {
      LinuxCalls.chmod(path, meta.mode());
    }
    LinuxCalls.setMtime(path, meta.mtime());
  }

  /** Deletes {@code path} and, if it is a directory, everything under it; symlinks are removed, never followed. */
  public static void removeTree(Path path) throws IOException {
    if (!Files.exists(path, NOFOLLOW)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        // a read-only directory's entries cannot be unlinked by a non-root owner
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", NOFOLLOW);
        if ((mode & 0700) != 0700) {
          Files.setAttribute(dir, "unix:mode", (mode | 0700) & FileMeta.PERMISSION_BITS, NOFOLLOW);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}

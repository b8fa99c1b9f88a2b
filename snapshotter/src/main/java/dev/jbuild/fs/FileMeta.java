package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code lstat(2)} says about one directory entry, read through NIO's "unix:*" attributes.
 *
 * @param mode the 12 permission bits, setuid (04000), setgid (02000) and sticky (01000) included; no type bits
 * @param mtime last modification, nanosecond precision (what the file system keeps)
 * @param linkTarget the symlink's target, verbatim; null for other types
 * @param size bytes for regular files and symlinks; whatever the file system reports for others
 */
public record FileMeta(
    Type type, int mode, int uid, int gid, long size, Instant mtime, String linkTarget, long inode, int nlink,
    long dev) {

  /** The file types {@code st_mode} distinguishes. */
  public enum Type { FILE, DIR, SYMLINK, CHAR, BLOCK, FIFO, SOCKET }

  static final int PERMISSION_BITS = 07777;

  public FileMeta {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mtime, "mtime");
    if ((mode & ~PERMISSION_BITS) != 0) {
      throw new IllegalArgumentException("mode has bits beyond 07777: " + Integer.toOctalString(mode));
    }
    if ((type == Type.SYMLINK) != (linkTarget != null)) {
      throw new IllegalArgumentException("a link target goes with a symlink, and only with one");
    }
  }

  /** Reads {@code path}'s own metadata; a symlink is described, never followed. */
  public static FileMeta lstat(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int stMode = (Integer) a.get("mode");
    Type type = typeOf(stMode, path);
    String target = type == Type.SYMLINK ? Files.readSymbolicLink(path).toString() : null;
    return new FileMeta(
        type,
        stMode & PERMISSION_BITS,
        (Integer) a.get("uid"),
        (Integer) a.get("gid"),
        (Long) a.get("size"),
        ((FileTime) a.get("lastModifiedTime")).toInstant(),
        target,
        (Long) a.get("ino"),
        (Integer) a.get("nlink"),
        (Long) a.get("dev"));
  }

  /** {@code st_rdev}: the device number of a character or block device. */
  public static long rdev(Path path) throws IOException {
    return (Long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
  }

  /** The {@code S_IFMT} bits of this type, as tar headers and {@code st_mode} carry them. */
  public int typeBits() {
    switch (type) {
      case FILE: return 0100000;
      case DIR: return 0040000;
      case SYMLINK: return 0120000;
      case CHAR: return 0020000;
      case BLOCK: return 0060000;
      case FIFO: return 0010000;
      default: return 0140000;
    }
  }

  /** Regular file with other names (hard links) somewhere on its device. */
  public boolean isHardLinked() {
    return type == Type.FILE && nlink > 1;
  }

  private static Type typeOf(int stMode, Path path) throws IOException {
    switch (stMode & 0170000) {
      case 0100000: return Type.FILE;
      case 0040000: return Type.DIR;
      case 0120000: return Type.SYMLINK;
      case 0020000: return Type.CHAR;
      case 0060000: return Type.BLOCK;
      case 0010000: return Type.FIFO;
      case 0140000: return Type.SOCKET;
      default: throw new IOException("unknown file type " + Integer.toOctalString(stMode) + " of " + path);
    }
  }
}

package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A tree described entry by entry with what a copy or a layer round trip must keep: type, mode, owner,
 * mtime, size and link count of non-directories, symlink target, device numbers, extended attributes (hex),
 * and for regular files the content.
 * Symlink mtimes are compared to the microsecond: lutimes cannot set more.
 */
public final class TreeListing {
  private TreeListing() {}

  public static Map<String, String> of(Path root) throws IOException {
    return of(root, ChronoUnit.NANOS);
  }

  /** The listing with mtimes truncated to {@code precision} (layers keep whole seconds). */
  public static Map<String, String> of(Path root, ChronoUnit precision) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.equals(root)) {
          continue;
        }
        out.put(root.relativize(p).toString(), describe(p, precision));
      }
    }
    return out;
  }

  public static String describe(Path p) throws IOException {
    return describe(p, ChronoUnit.NANOS);
  }

  private static String describe(Path p, ChronoUnit precision) throws IOException {
    FileMeta m = FileMeta.lstat(p);
    boolean symlink = m.type() == FileMeta.Type.SYMLINK;
    ChronoUnit unit = symlink && precision == ChronoUnit.NANOS ? ChronoUnit.MICROS : precision;
    String s = m.type() + " " + Integer.toOctalString(m.mode()) + " " + m.uid() + ":" + m.gid()
        + " mtime=" + m.mtime().truncatedTo(unit);
    if (m.type() != FileMeta.Type.DIR) { // a directory's link count follows from its subdirectories (and overlayfs reports 1 for merged ones)
      s += " nlink=" + m.nlink() + " size=" + m.size();
    }
    if (symlink) {
      s += " -> " + m.linkTarget();
    }
    if (m.type() == FileMeta.Type.FILE) {
      s += " content=" + new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8);
    }
    if (m.type() == FileMeta.Type.CHAR || m.type() == FileMeta.Type.BLOCK) {
      long rdev = FileMeta.rdev(p);
      s += " dev=" + LinuxCalls.major(rdev) + "," + LinuxCalls.minor(rdev);
    }
    for (Map.Entry<String, byte[]> x : Xattrs.read(p).entrySet()) {
      s += " xattr:" + x.getKey() + "=" + java.util.HexFormat.of().formatHex(x.getValue());
    }
    return s;
  }
}

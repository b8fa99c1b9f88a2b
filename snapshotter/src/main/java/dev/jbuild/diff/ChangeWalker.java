package dev.jbuild.diff;

import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.Xattrs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares two trees (containerd's double walk) and lists what changed, in walk order.
 *
 * <p>An upper entry is changed when it is absent below, or differs in type, mode, uid, gid, symlink
 * target, device number, extended attributes or (non-directories) size and mtime; contents of regular files
 * with equal size and mtime are taken as equal. A directory's mtime does not count (containerd's walking
 * differ, BuildKit's overlay differ): adding and removing an entry changes it and nothing else; a directory
 * holding a change is written anyway, as its parent. A lower entry absent above is deleted; a directory replaced by another type is not descended
 * into (the replacement removes it). When one name of a hard-linked inode changed, all its names in the
 * upper tree are listed, so that the layer keeps them linked. Sockets are ignored.
 */
final class ChangeWalker {
  private record InodeKey(long dev, long inode) {}

  private final List<Change> changes = new ArrayList<>();
  private final Map<InodeKey, List<List<String>>> unchangedLinks = new HashMap<>();
  private final Map<InodeKey, Boolean> inodeChanged = new HashMap<>();

  /** The changes from {@code lower} (null: the empty tree) to {@code upper}, sorted in walk order. */
  static List<Change> changes(Path lower, Path upper) throws IOException {
    ChangeWalker w = new ChangeWalker();
    w.walk(new ArrayList<>(), upper, lower);
    for (Map.Entry<InodeKey, List<List<String>>> e : w.unchangedLinks.entrySet()) {
      if (w.inodeChanged.getOrDefault(e.getKey(), false)) {
        for (List<String> path : e.getValue()) {
          w.changes.add(new Change(path, Change.Kind.CHANGED));
        }
      }
    }
    w.changes.sort(Change.WALK_ORDER);
    return w.changes;
  }

  private void walk(List<String> dir, Path upperDir, Path lowerDir) throws IOException {
    TreeSet<String> names = new TreeSet<>(list(upperDir));
    if (lowerDir != null) {
      names.addAll(list(lowerDir));
    }
    for (String name : names) {
      List<String> path = new ArrayList<>(dir);
      path.add(name);
      Path u = upperDir.resolve(name);
      Path l = lowerDir == null ? null : lowerDir.resolve(name);
      FileMeta upper = lstatIfExists(u);
      FileMeta lower = l == null ? null : lstatIfExists(l);
      if (upper == null) {
        changes.add(new Change(path, Change.Kind.DELETED));
        continue;
      }
      if (upper.type() == FileMeta.Type.SOCKET) {
        continue;
      }
      boolean changed = lower == null || differs(lower, upper) || differsBeyondStat(l, u, upper);
      if (upper.isHardLinked()) {
        InodeKey key = new InodeKey(upper.dev(), upper.inode());
        inodeChanged.merge(key, changed, Boolean::logicalOr);
        if (!changed) {
          unchangedLinks.computeIfAbsent(key, k -> new ArrayList<>()).add(path);
        }
      }
      if (changed) {
        changes.add(new Change(path, Change.Kind.CHANGED));
      }
      if (upper.type() == FileMeta.Type.DIR) {
        boolean lowerIsDir = lower != null && lower.type() == FileMeta.Type.DIR;
        walk(path, u, lowerIsDir ? l : null);
      }
    }
  }

  private static boolean differsBeyondStat(Path lower, Path upper, FileMeta meta) throws IOException {
    if ((meta.type() == FileMeta.Type.CHAR || meta.type() == FileMeta.Type.BLOCK)
        && FileMeta.rdev(lower) != FileMeta.rdev(upper)) {
      return true;
    }
    return !Xattrs.equal(Xattrs.read(lower), Xattrs.read(upper));
  }

  static boolean differs(FileMeta a, FileMeta b) {
    if (a.type() != b.type() || a.mode() != b.mode() || a.uid() != b.uid() || a.gid() != b.gid()) {
      return true;
    }
    if (a.type() == FileMeta.Type.DIR) {
      return false;
    }
    if (!a.mtime().equals(b.mtime())) {
      return true;
    }
    if (a.type() == FileMeta.Type.SYMLINK) {
      return !a.linkTarget().equals(b.linkTarget());
    }
    return a.size() != b.size();
  }

  private static List<String> list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
    }
    return names;
  }

  private static FileMeta lstatIfExists(Path p) throws IOException {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? FileMeta.lstat(p) : null;
  }
}

package dev.jbuild.diff;

import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.LinuxCalls;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The changes of an overlay snapshot read straight from its upper dir (containerd's overlay fast path):
 * with {@code redirect_dir=off,metacopy=off,index=off} every entry there is new or changed and nothing else
 * is. A 0/0 character device is a whiteout (the name was deleted); a directory with
 * {@code trusted.overlay.opaque=y} hides everything below it in the lower layers.
 */
final class OverlayUpperChanges {
  static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  private final List<Change> changes = new ArrayList<>();

  private OverlayUpperChanges() {}

  static List<Change> of(Path upperDir) throws IOException {
    OverlayUpperChanges w = new OverlayUpperChanges();
    w.walk(new ArrayList<>(), upperDir);
    w.changes.sort(Change.WALK_ORDER);
    return w.changes;
  }

  private void walk(List<String> dir, Path upperDir) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(upperDir)) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
    }
    for (String name : names) {
      List<String> path = new ArrayList<>(dir);
      path.add(name);
      Path p = upperDir.resolve(name);
      FileMeta meta = FileMeta.lstat(p);
      if (isWhiteout(p, meta)) {
        changes.add(new Change(path, Change.Kind.DELETED));
        continue;
      }
      if (meta.type() == FileMeta.Type.SOCKET) {
        continue;
      }
      changes.add(new Change(path, Change.Kind.CHANGED));
      if (meta.type() == FileMeta.Type.DIR) {
        if (isOpaque(p)) {
          changes.add(new Change(path, Change.Kind.OPAQUE));
        }
        walk(path, p);
      }
    }
  }

  static boolean isWhiteout(Path p, FileMeta meta) throws IOException {
    return meta.type() == FileMeta.Type.CHAR && FileMeta.rdev(p) == 0;
  }

  static boolean isOpaque(Path dir) throws IOException {
    byte[] v = LinuxCalls.getXattr(dir, OPAQUE_XATTR);
    return v != null && Arrays.equals(v, new byte[] {'y'});
  }
}

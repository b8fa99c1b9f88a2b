package dev.jbuild.diff;

import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.fs.Xattrs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The changes of an overlay snapshot read straight from its upper dir (BuildKit's overlay differ): with
 * {@code redirect_dir=off,metacopy=off,index=off} every file there is new or changed and nothing else is.
 * A 0/0 character device is a whiteout (the name was deleted); a directory with
 * {@code trusted.overlay.opaque=y} hides everything below it in the lower layers.
 *
 * <p>Directories are the exception: overlayfs copies a directory up as soon as anything below it changes
 * (runc creating /etc/hosts copies up /etc), so a directory that the lower tree has with the same mode,
 * owner and extended attributes is not a change, whatever its mtime says, as in BuildKit's overlay differ
 * and containerd's walking differ. {@link LayerTarWriter} still writes it as the parent of what changed
 * below it.
 */
final class OverlayUpperChanges {
  static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  private final List<Change> changes = new ArrayList<>();

  private OverlayUpperChanges() {}

  /** {@code lowerRoot}: the tree the upper dir is stacked on, mounted (what the overlay's lowerdirs show). */
  static List<Change> of(Path upperDir, Path lowerRoot) throws IOException {
    OverlayUpperChanges w = new OverlayUpperChanges();
    w.walk(new ArrayList<>(), upperDir, lowerRoot);
    w.changes.sort(Change.WALK_ORDER);
    return w.changes;
  }

  /** {@code lowerDir}: the lower directory this upper one merges with; null when nothing shows below it. */
  private void walk(List<String> dir, Path upperDir, Path lowerDir) throws IOException {
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
      if (meta.type() != FileMeta.Type.DIR) {
        changes.add(new Change(path, Change.Kind.CHANGED));
        continue;
      }
      Path lower = lowerDirectory(lowerDir, name);
      boolean opaque = isOpaque(p);
      if (opaque || lower == null || !sameDirectory(lower, p, meta)) {
        changes.add(new Change(path, Change.Kind.CHANGED));
      }
      if (opaque) {
        changes.add(new Change(path, Change.Kind.OPAQUE));
      }
      walk(path, p, opaque ? null : lower);
    }
  }

  /** {@code lowerDir/name} when it is a directory (not a symlink to one), else null. */
  private static Path lowerDirectory(Path lowerDir, String name) {
    if (lowerDir == null) {
      return null;
    }
    Path l = lowerDir.resolve(name);
    return Files.isDirectory(l, LinkOption.NOFOLLOW_LINKS) ? l : null;
  }

  /** Same mode, owner and extended attributes (overlayfs' own left out); mtimes do not count. */
  private static boolean sameDirectory(Path lower, Path upper, FileMeta upperMeta) throws IOException {
    FileMeta l = FileMeta.lstat(lower);
    return l.mode() == upperMeta.mode() && l.uid() == upperMeta.uid() && l.gid() == upperMeta.gid()
        && Xattrs.equal(LayerTarWriter.layerXattrs(lower), LayerTarWriter.layerXattrs(upper));
  }

  static boolean isWhiteout(Path p, FileMeta meta) throws IOException {
    return meta.type() == FileMeta.Type.CHAR && FileMeta.rdev(p) == 0;
  }

  static boolean isOpaque(Path dir) throws IOException {
    byte[] v = LinuxCalls.getXattr(dir, OPAQUE_XATTR);
    return v != null && Arrays.equals(v, new byte[] {'y'});
  }
}

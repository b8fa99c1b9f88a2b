package dev.jbuild.diff;

import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.fs.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a list of changes as an OCI layer: an uncompressed tar (PAX records only where ustar fields do
 * not suffice: long names, big ids, xattrs), names relative without "./", directories with a trailing "/",
 * numeric owners only, hard links within the layer as link entries, character and block devices with
 * their numbers, fifos, deletions as {@code .wh.<name>} whiteouts and opaque directories as
 * {@code <dir>/.wh..wh..opq}. Extended attributes go as {@code SCHILY.xattr.<name>} PAX records with the
 * raw bytes ({@link TarStreamWriter}); overlayfs' own {@code trusted.overlay.*} never do.
 *
 * <p>mtimes are truncated to whole seconds, as containerd's ChangeWriter does: every tar reader
 * understands them. Snapshots keep nanoseconds; only layers lose them.
 *
 * <p>Like containerd's ChangeWriter, the parent directories of every entry are written too (once, before
 * it, with their upper metadata) even when they themselves did not change, so the layer recreates them
 * with the right owner and mode wherever it is applied.
 *
 * <p>Deterministic: nothing depends on the clock, the user running it or the host (whiteouts carry mtime 0).
 * An empty layer is exactly the 1024 zero bytes of end-of-archive (docker's well-known empty layer digest).
 */
final class LayerTarWriter {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE_MARKER = ".wh..wh..opq";
  private static final String OVERLAY_XATTRS = "trusted.overlay.";

  private record InodeKey(long dev, long inode) {}

  private final Path upper;
  private final TarStreamWriter tar;
  private final Set<String> writtenDirs = new HashSet<>();
  private final Map<InodeKey, String> firstNameOfInode = new HashMap<>();

  private LayerTarWriter(Path upper, OutputStream out) {
    this.upper = upper;
    this.tar = new TarStreamWriter(out);
  }

  /** Writes the layer for {@code changes} (walk order) of {@code upper} to {@code out}; does not close out. */
  static void write(Path upper, List<Change> changes, OutputStream out) throws IOException {
    LayerTarWriter w = new LayerTarWriter(upper, out);
    for (Change c : changes) {
      switch (c.kind()) {
        case DELETED:
          w.writeParents(c.segments());
          w.writeMarker(c.segments().subList(0, c.segments().size() - 1),
              WHITEOUT_PREFIX + c.segments().get(c.segments().size() - 1));
          break;
        case OPAQUE:
          w.writeParents(c.segments());
          if (!w.writtenDirs.contains(c.path())) {
            w.writeEntry(c.segments());
          }
          w.writeMarker(c.segments(), OPAQUE_MARKER);
          break;
        default:
          w.writeParents(c.segments());
          w.writeEntry(c.segments());
      }
    }
    w.tar.finish();
  }

  private void writeParents(List<String> segments) throws IOException {
    for (int i = 1; i < segments.size(); i++) {
      List<String> parent = segments.subList(0, i);
      if (!writtenDirs.contains(String.join("/", parent))) {
        writeEntry(parent);
      }
    }
  }

  private void writeMarker(List<String> dirSegments, String markerName) throws IOException {
    String dir = String.join("/", dirSegments);
    TarArchiveEntry e = new TarArchiveEntry((dir.isEmpty() ? "" : dir + "/") + markerName, TarConstants.LF_NORMAL);
    e.setMode(0);
    e.setIds(0, 0);
    e.setNames("", "");
    e.setSize(0);
    e.setLastModifiedTime(FileTime.from(Instant.EPOCH));
    tar.putEntry(e, Map.of());
  }

  private void writeEntry(List<String> segments) throws IOException {
    String name = String.join("/", segments);
    if (writtenDirs.contains(name)) {
      return; // already written as the parent of an earlier entry
    }
    Path source = upper.resolve(name);
    FileMeta meta = FileMeta.lstat(source);
    TarArchiveEntry e;
    switch (meta.type()) {
      case DIR:
        e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
        writtenDirs.add(name);
        break;
      case SYMLINK:
        e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(meta.linkTarget());
        break;
      case FILE:
        e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        if (meta.isHardLinked()) {
          String first = firstNameOfInode.putIfAbsent(new InodeKey(meta.dev(), meta.inode()), name);
          if (first != null) {
            e = new TarArchiveEntry(name, TarConstants.LF_LINK);
            e.setLinkName(first);
            break;
          }
        }
        e.setSize(meta.size());
        break;
      case CHAR:
      case BLOCK:
        e = new TarArchiveEntry(name, meta.type() == FileMeta.Type.CHAR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        long rdev = FileMeta.rdev(source);
        e.setDevMajor((int) LinuxCalls.major(rdev));
        e.setDevMinor((int) LinuxCalls.minor(rdev));
        break;
      case FIFO:
        e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
        break;
      default:
        return; // sockets do not go into layers
    }
    e.setMode(meta.typeBits() | meta.mode());
    e.setUserId(Integer.toUnsignedLong(meta.uid()));
    e.setGroupId(Integer.toUnsignedLong(meta.gid()));
    e.setNames("", "");
    e.setLastModifiedTime(FileTime.from(meta.mtime().getEpochSecond(), TimeUnit.SECONDS));
    tar.putEntry(e, layerXattrs(source));
    if (e.getLinkFlag() == TarConstants.LF_NORMAL && meta.size() > 0) {
      try (InputStream in = Files.newInputStream(source)) {
        tar.content(in, meta.size(), name);
      }
    }
  }

  /** The extended attributes a layer carries for {@code source}: all but overlayfs' own. */
  static SortedMap<String, byte[]> layerXattrs(Path source) throws IOException {
    SortedMap<String, byte[]> out = new TreeMap<>(Xattrs.read(source));
    out.keySet().removeIf(n -> n.startsWith(OVERLAY_XATTRS));
    return out;
  }
}

package dev.jbuild.diff;

import dev.jbuild.fs.FileMeta;
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
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a list of changes as an OCI layer: an uncompressed tar (PAX records only where ustar fields do
 * not suffice: long names, big ids), names relative without "./", directories with a trailing "/", numeric
 * owners only, hard links within the layer as link entries, deletions as {@code .wh.<name>} whiteouts.
 *
 * <p>mtimes are truncated to whole seconds, as containerd's ChangeWriter does: every tar reader
 * understands them, and commons-compress could not write more than 100 ns anyway. Snapshots keep
 * nanoseconds; only layers lose them.
 *
 * <p>Like containerd's ChangeWriter, the parent directories of every entry are written too (once, before
 * it, with their upper metadata) even when they themselves did not change, so the layer recreates them
 * with the right owner and mode wherever it is applied.
 *
 * <p>Deterministic: nothing depends on the clock, the user running it or the host (whiteouts carry mtime 0).
 * 512-byte records, so an empty layer is exactly the 1024 zero bytes of end-of-archive (docker's well-known
 * empty layer digest).
 */
final class LayerTarWriter {
  private record InodeKey(long dev, long inode) {}

  private final Path upper;
  private final TarArchiveOutputStream tar;
  private final Set<String> writtenDirs = new HashSet<>();
  private final Map<InodeKey, String> firstNameOfInode = new HashMap<>();

  private LayerTarWriter(Path upper, OutputStream out) {
    this.upper = upper;
    this.tar = new TarArchiveOutputStream(out, TarConstants.DEFAULT_RCDSIZE, "UTF-8");
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  /** Writes the layer for {@code changes} (walk order) of {@code upper} to {@code out}; does not close out. */
  static void write(Path upper, List<Change> changes, OutputStream out) throws IOException {
    LayerTarWriter w = new LayerTarWriter(upper, out);
    for (Change c : changes) {
      w.writeParents(c.segments());
      if (c.deleted()) {
        w.writeWhiteout(c.segments());
      } else {
        w.writeEntry(c.segments());
      }
    }
    w.tar.finish();
    w.tar.flush();
  }

  private void writeParents(List<String> segments) throws IOException {
    for (int i = 1; i < segments.size(); i++) {
      List<String> parent = segments.subList(0, i);
      if (!writtenDirs.contains(String.join("/", parent))) {
        writeEntry(parent);
      }
    }
  }

  private void writeWhiteout(List<String> segments) throws IOException {
    String dir = String.join("/", segments.subList(0, segments.size() - 1));
    String name = (dir.isEmpty() ? "" : dir + "/") + ".wh." + segments.get(segments.size() - 1);
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
    e.setMode(0);
    e.setIds(0, 0);
    e.setNames("", "");
    e.setSize(0);
    e.setLastModifiedTime(FileTime.from(Instant.EPOCH));
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private void writeEntry(List<String> segments) throws IOException {
    String name = String.join("/", segments);
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
        e.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
        e.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
        break;
      case FIFO:
        e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
        break;
      default:
        return; // sockets do not go into layers
    }
    e.setMode(meta.typeBits() | meta.mode());
    e.setUserId((long) meta.uid());
    e.setGroupId((long) meta.gid());
    e.setNames("", "");
    e.setLastModifiedTime(FileTime.from(meta.mtime().getEpochSecond(), TimeUnit.SECONDS));
    tar.putArchiveEntry(e);
    if (e.getLinkFlag() == TarConstants.LF_NORMAL && meta.size() > 0) {
      copyContent(source, meta.size(), name);
    }
    tar.closeArchiveEntry();
  }

  private void copyContent(Path source, long size, String name) throws IOException {
    try (InputStream in = Files.newInputStream(source)) {
      long copied = in.transferTo(tar);
      if (copied != size) {
        throw new IOException(name + " changed size while it was being written to the layer ("
            + size + " -> " + copied + " bytes); is something still writing to the snapshot?");
      }
    }
  }
}

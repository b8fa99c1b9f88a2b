package dev.jbuild.diff;

import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.Xattrs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Unpacks one layer tar onto a directory: creates, replaces and whites out entries, restores owner, mode,
 * mtime, symlinks, hard links, devices and fifos (mknod) and extended attributes (raw bytes, after chown,
 * which drops capabilities). Every name goes through {@link ConfinedPaths}. Nothing is ever opened or
 * written through an existing entry: what is replaced is removed first, and new files are created with
 * O_EXCL | O_NOFOLLOW. Directory metadata is applied last, deepest first, and only to paths that are still
 * real directories created or updated by this layer.
 *
 * <p>On an overlay target (the mounted snapshot), deletions go through the kernel, which writes the 0/0
 * whiteout devices itself; an opaque marker removes the lower entries one by one, which the kernel records
 * the same way. {@code trusted.overlay.*} attributes in a layer are ignored: they are overlayfs' own.
 *
 * <p>{@link ExtractRules} say whether the tar is a layer (whiteouts honoured) or an archive that ADD unpacks
 * (whiteouts are plain files, a leading "/" is dropped, owners may be replaced).
 *
 * <p>Ids: numeric only; a uid or gid above 2^31-1 is refused (Java and several runtimes treat ids as signed
 * 32-bit; containerd's own checks are similar).
 */
final class LayerExtractor {
  private static final String OVERLAY_XATTRS = "trusted.overlay.";

  private final Path root;
  private final ExtractRules rules;
  private final ConfinedPaths paths;
  private final Set<Path> unpacked = new HashSet<>();
  private final Map<Path, FileMeta> dirMetas = new LinkedHashMap<>();
  private final Map<Path, SortedMap<String, byte[]>> dirXattrs = new TreeMap<>();

  LayerExtractor(Path root, ExtractRules rules) {
    this.root = root;
    this.rules = rules;
    this.paths = new ConfinedPaths(root, rules.source());
  }

  void extract(LayerTarReader tar) throws IOException {
    LayerTarReader.Entry e;
    while ((e = tar.next()) != null) {
      extractOne(e, tar);
    }
    List<Path> dirs = new ArrayList<>(dirMetas.keySet());
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Path dir = dirs.get(i);
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        FsOps.applyMeta(dir, dirMetas.get(dir));
        Xattrs.write(dir, dirXattrs.getOrDefault(dir, new TreeMap<>()));
      }
    }
  }

  private void extractOne(LayerTarReader.Entry entry, LayerTarReader tar) throws IOException {
    TarArchiveEntry e = entry.header();
    String name = entry.name();
    String relative = rules.relativeAbsoluteNames() ? name.replaceFirst("^/+", "") : name;
    List<String> segments = paths.segments(relative, name);
    FileMeta meta = metaOf(e, name);
    SortedMap<String, byte[]> xattrs = new TreeMap<>(entry.xattrs());
    xattrs.keySet().removeIf(n -> n.startsWith(OVERLAY_XATTRS));
    if (segments.isEmpty()) {
      if (!rules.rootEntry()) {
        return; // an archive's "./" leaves the destination directory as it is
      }
      if (!e.isDirectory()) {
        throw paths.refused(name, "it names the target root but is not a directory");
      }
      dirMetas.put(root, meta);
      dirXattrs.put(root, xattrs);
      return;
    }
    String base = segments.get(segments.size() - 1);
    if (rules.whiteouts() && base.startsWith(LayerTarWriter.WHITEOUT_PREFIX)) {
      whiteout(segments, base, name);
      return;
    }
    Path dst = paths.entry(segments, name, true);
    boolean exists = Files.exists(dst, LinkOption.NOFOLLOW_LINKS);
    boolean existingDir = exists && Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS);
    if (e.isDirectory()) {
      if (exists && !existingDir) {
        replace(dst);
      }
      if (!existingDir) {
        Files.createDirectory(dst);
      }
      unpacked.add(dst);
      dirMetas.remove(dst); // a later entry for the same directory wins, and its children come after it
      dirMetas.put(dst, meta);
      dirXattrs.put(dst, xattrs);
      return;
    }
    Path linkTarget = e.isLink() ? linkTarget(e, name) : null;
    if (exists) {
      replace(dst);
    }
    unpacked.add(dst);
    switch (e.getLinkFlag()) {
      case TarConstants.LF_LINK:
        Files.createLink(dst, linkTarget);
        return;
      case TarConstants.LF_SYMLINK:
        Files.createSymbolicLink(dst, Path.of(e.getLinkName()));
        break;
      case TarConstants.LF_CHR:
      case TarConstants.LF_BLK:
      case TarConstants.LF_FIFO:
        FsOps.mknod(dst, meta.type(), e.getDevMajor(), e.getDevMinor());
        break;
      case TarConstants.LF_NORMAL:
      case TarConstants.LF_OLDNORM:
      case TarConstants.LF_CONTIG:
        try (OutputStream out = Files.newOutputStream(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
          tar.content().transferTo(out);
        }
        break;
      default:
        throw paths.refused(name, "its tar type '" + (char) e.getLinkFlag() + "' is not supported");
    }
    FsOps.applyMeta(dst, meta);
    Xattrs.write(dst, xattrs);
  }

  /** Removes what is at {@code dst} and forgets pending directory metadata under it. */
  private void replace(Path dst) throws IOException {
    FsOps.removeTree(dst);
    dirMetas.keySet().removeIf(p -> p.startsWith(dst));
    dirXattrs.keySet().removeIf(p -> p.startsWith(dst));
    unpacked.removeIf(p -> p.startsWith(dst));
  }

  private Path linkTarget(TarArchiveEntry e, String entry) throws IOException {
    String link = e.getLinkName();
    List<String> target = paths.segments(rules.relativeAbsoluteNames() ? link.replaceFirst("^/+", "") : link, entry);
    if (target.isEmpty()) {
      throw paths.refused(entry, "it is a hard link to the target root");
    }
    Path p = paths.entry(target, entry, false);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      throw paths.refused(entry, "its hard link target " + e.getLinkName() + " is missing or a directory");
    }
    return p;
  }

  private void whiteout(List<String> segments, String base, String entry) throws IOException {
    List<String> dirSegments = segments.subList(0, segments.size() - 1);
    Path dir = paths.directory(dirSegments, entry, true);
    if (base.equals(LayerTarWriter.OPAQUE_MARKER)) {
      // everything the lower layers had here goes; what this layer already unpacked here stays
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
        for (Path child : children) {
          if (!unpacked.contains(child)) {
            FsOps.removeTree(child);
          }
        }
      }
      return;
    }
    if (base.startsWith(LayerTarWriter.WHITEOUT_PREFIX + LayerTarWriter.WHITEOUT_PREFIX)) {
      return; // other AUFS metadata: nothing to do
    }
    String name = base.substring(LayerTarWriter.WHITEOUT_PREFIX.length());
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
      throw paths.refused(entry, "it is a whiteout of '" + name + "'");
    }
    replace(dir.resolve(name));
  }

  private FileMeta metaOf(TarArchiveEntry e, String entry) throws IOException {
    long uid = rules.uid().isPresent() ? rules.uid().getAsInt() : e.getLongUserId();
    long gid = rules.gid().isPresent() ? rules.gid().getAsInt() : e.getLongGroupId();
    if (uid > Integer.MAX_VALUE || gid > Integer.MAX_VALUE || uid < 0 || gid < 0) {
      throw paths.refused(entry, "its owner " + uid + ":" + gid + " is beyond 2^31-1");
    }
    FileMeta.Type type;
    switch (e.getLinkFlag()) {
      case TarConstants.LF_DIR: type = FileMeta.Type.DIR; break;
      case TarConstants.LF_SYMLINK: type = FileMeta.Type.SYMLINK; break;
      case TarConstants.LF_CHR: type = FileMeta.Type.CHAR; break;
      case TarConstants.LF_BLK: type = FileMeta.Type.BLOCK; break;
      case TarConstants.LF_FIFO: type = FileMeta.Type.FIFO; break;
      default: type = e.isDirectory() ? FileMeta.Type.DIR : FileMeta.Type.FILE;
    }
    return new FileMeta(type, e.getMode() & 07777, (int) uid, (int) gid, e.getSize(),
        e.getLastModifiedTime().toInstant(), type == FileMeta.Type.SYMLINK ? e.getLinkName() : null, 0, 1, 0);
  }
}

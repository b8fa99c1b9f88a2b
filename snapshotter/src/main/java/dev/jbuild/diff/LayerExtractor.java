package dev.jbuild.diff;

import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.FsOps;
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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one layer tar onto a directory: creates, replaces and whites out entries, restores owner, mode,
 * mtime, symlinks and hard links. Every name goes through {@link ConfinedPaths}. Directory metadata is
 * applied last, deepest first, so creating children does not disturb it.
 */
final class LayerExtractor {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final Path root;
  private final String layer;
  private final ConfinedPaths paths;
  private final Set<Path> unpacked = new HashSet<>();
  private final Map<Path, FileMeta> dirMetas = new LinkedHashMap<>();

  LayerExtractor(Path root, String layer) {
    this.root = root;
    this.layer = layer;
    this.paths = new ConfinedPaths(root, layer);
  }

  void extract(TarArchiveInputStream tar) throws IOException {
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      extractOne(e, tar);
    }
    List<Path> dirs = new ArrayList<>(dirMetas.keySet());
    for (int i = dirs.size() - 1; i >= 0; i--) {
      FsOps.applyMeta(dirs.get(i), dirMetas.get(dirs.get(i)));
    }
  }

  private void extractOne(TarArchiveEntry e, TarArchiveInputStream tar) throws IOException {
    String entry = e.getName();
    List<String> segments = paths.segments(entry, entry);
    if (segments.isEmpty()) {
      if (!e.isDirectory()) {
        throw paths.refused(entry, "it names the target root but is not a directory");
      }
      dirMetas.put(root, metaOf(e));
      return;
    }
    String base = segments.get(segments.size() - 1);
    if (base.startsWith(WHITEOUT)) {
      whiteout(segments, base, entry);
      return;
    }
    Path dst = paths.entry(segments, entry, true);
    unpacked.add(dst);
    FileMeta meta = metaOf(e);
    boolean existingDir = Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS);
    if (e.isDirectory()) {
      if (!existingDir) {
        FsOps.removeTree(dst);
        Files.createDirectory(dst);
      }
      dirMetas.put(dst, meta);
      return;
    }
    if (e.isLink()) {
      Path target = linkTarget(e, entry);
      FsOps.removeTree(dst);
      Files.createLink(dst, target);
      return;
    }
    if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
      throw paths.refused(entry, "it is a device node or fifo; those need mknod, which comes with the overlay issue");
    }
    if (!e.isSymbolicLink() && !e.isFile()) {
      throw paths.refused(entry, "its tar type '" + (char) e.getLinkFlag() + "' is not supported");
    }
    FsOps.removeTree(dst);
    if (e.isSymbolicLink()) {
      Files.createSymbolicLink(dst, Path.of(e.getLinkName()));
    } else {
      try (OutputStream out = Files.newOutputStream(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        tar.transferTo(out);
      }
    }
    FsOps.applyMeta(dst, meta);
  }

  private Path linkTarget(TarArchiveEntry e, String entry) throws IOException {
    List<String> target = paths.segments(e.getLinkName(), entry);
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
    if (base.equals(OPAQUE)) {
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
    if (base.startsWith(WHITEOUT + WHITEOUT)) {
      return; // other AUFS metadata: nothing to do
    }
    String name = base.substring(WHITEOUT.length());
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw paths.refused(entry, "it is a whiteout of '" + name + "'");
    }
    FsOps.removeTree(dir.resolve(name));
  }

  private static FileMeta metaOf(TarArchiveEntry e) {
    FileMeta.Type type = e.isDirectory() ? FileMeta.Type.DIR
        : e.isSymbolicLink() ? FileMeta.Type.SYMLINK : FileMeta.Type.FILE;
    return new FileMeta(type, e.getMode() & 07777, (int) e.getLongUserId(), (int) e.getLongGroupId(),
        e.getSize(), e.getLastModifiedTime().toInstant(), type == FileMeta.Type.SYMLINK ? e.getLinkName() : null,
        0, 1, 0);
  }
}

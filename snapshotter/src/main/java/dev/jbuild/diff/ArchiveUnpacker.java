package dev.jbuild.diff;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * ADD's unpacking of a local archive, as BuildKit's file backend does it: a regular file whose content,
 * decompressed by its magic bytes ({@link Compression}: gzip, bzip2, xz, zstd or none), starts with a valid tar
 * header is an archive; anything else is not, and ADD copies it as it is.
 *
 * <p>An archive is unpacked into an existing directory through the same confined extractor as image layers
 * ({@link LayerExtractor}, {@link ConfinedPaths}, {@link ApplyLimits}): nothing is written outside that
 * directory, whatever the names, links or symlinks in the archive say. Unlike a layer, {@code .wh.} entries are
 * ordinary files, a leading "/" in a name is dropped, the archive's "./" entry leaves the directory alone, and
 * owners are the archive's unless ADD --chown replaces them. Modes and mtimes are the archive's (--chmod does not
 * apply to unpacked entries, as in BuildKit).
 */
public final class ArchiveUnpacker {
  private final ApplyLimits limits;

  public ArchiveUnpacker(ApplyLimits limits) {
    this.limits = limits;
  }

  /** Whether {@code file} (never followed if a symlink) is a tar, possibly compressed. */
  public boolean isArchive(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (InputStream tar = open(file)) {
      return new LayerTarReader(tar, limits).next() != null;
    } catch (IOException e) {
      return false; // undecodable or not a tar: ADD copies the file as it is
    }
  }

  /**
   * Unpacks {@code archive} into {@code dir}, a real directory (the caller resolved and made it).
   *
   * @param name the archive's name for errors (its path in the build context)
   * @param uid replaces every entry's owner when present
   * @param gid replaces every entry's group when present
   * @throws IOException naming the archive and the entry when an entry is refused or the archive is corrupt
   */
  public void unpack(Path archive, Path dir, String name, OptionalInt uid, OptionalInt gid) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("cannot unpack archive " + name + ": " + dir + " is not a directory");
    }
    ExtractRules rules = ExtractRules.archive(name, uid, gid);
    try (InputStream tar = open(archive)) {
      new LayerExtractor(dir, rules).extract(new LayerTarReader(tar, limits));
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(rules.source())) {
        throw e;
      }
      throw new IOException(rules.source() + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), 1 << 16);
    try {
      return Compression.decompressed(in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}

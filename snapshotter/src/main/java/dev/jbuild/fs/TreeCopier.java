package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * One run of {@link FsOps#copyTree}: remembers hard-linked inodes and directories awaiting metadata. A
 * directory that already exists at the destination keeps its own metadata (COPY merging into an existing
 * directory leaves its owner and mode alone, as BuildKit's copier does).
 */
final class TreeCopier extends SimpleFileVisitor<Path> {
  /** A file's identity on the host: (device, inode). */
  private record InodeKey(long dev, long inode) {}

  private final Path srcRoot;
  private final Path dstRoot;
  private final Overrides overrides;
  private final Map<InodeKey, Path> firstCopyOfInode = new HashMap<>();
  /** Metadata for each open directory; null for one that existed before the copy. */
  private final Deque<java.util.Optional<FileMeta>> dirMetas = new ArrayDeque<>();

  TreeCopier(Path srcRoot, Path dstRoot, Overrides overrides) {
    this.srcRoot = srcRoot;
    this.dstRoot = dstRoot;
    this.overrides = overrides;
  }

  private Path target(Path src) {
    return dstRoot.resolve(srcRoot.relativize(src).toString());
  }

  @Override
  public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
    FileMeta meta = FileMeta.lstat(dir);
    boolean existed = Files.isDirectory(target(dir), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    FsOps.createEntry(dir, meta, target(dir));
    dirMetas.push(existed ? java.util.Optional.empty() : java.util.Optional.of(meta));
    return FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
    FileMeta meta = FileMeta.lstat(file);
    Path dst = target(file);
    if (meta.isHardLinked()) {
      InodeKey key = new InodeKey(meta.dev(), meta.inode());
      Path first = firstCopyOfInode.get(key);
      if (first != null) {
        Files.deleteIfExists(dst);
        Files.createLink(dst, first);
        return FileVisitResult.CONTINUE;
      }
      firstCopyOfInode.put(key, dst);
    }
    if (FsOps.createEntry(file, meta, dst)) {
      FsOps.applyMeta(dst, overrides.applyTo(meta));
      Xattrs.copy(file, dst);
    }
    return FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
    throw e;
  }

  @Override
  public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
    if (e != null) {
      throw e;
    }
    java.util.Optional<FileMeta> meta = dirMetas.pop();
    if (meta.isPresent()) {
      FsOps.applyMeta(target(dir), overrides.applyTo(meta.get()));
      Xattrs.copy(dir, target(dir));
    }
    return FileVisitResult.CONTINUE;
  }
}

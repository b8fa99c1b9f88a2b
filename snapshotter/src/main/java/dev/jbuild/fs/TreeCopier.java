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

/** One run of {@link FsOps#copyTree}: remembers hard-linked inodes and directories awaiting metadata. */
final class TreeCopier extends SimpleFileVisitor<Path> {
  /** A file's identity on the host: (device, inode). */
  private record InodeKey(long dev, long inode) {}

  private final Path srcRoot;
  private final Path dstRoot;
  private final Overrides overrides;
  private final Map<InodeKey, Path> firstCopyOfInode = new HashMap<>();
  private final Deque<FileMeta> dirMetas = new ArrayDeque<>();

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
    FsOps.createEntry(dir, meta, target(dir));
    dirMetas.push(meta);
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
    FsOps.applyMeta(target(dir), overrides.applyTo(dirMetas.pop()));
    return FileVisitResult.CONTINUE;
  }
}

package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@link FsOps#copyTree}: remembers hard-linked inodes and directories awaiting metadata. A
 * directory that already exists at the destination keeps its own metadata (COPY merging into an existing
 * directory leaves its owner and mode alone, as BuildKit's copier does). A {@link CopyFilter} may leave
 * entries out or delay a directory until something under it is copied.
 */
final class TreeCopier extends SimpleFileVisitor<Path> {
  /** A file's identity on the host: (device, inode). */
  private record InodeKey(long dev, long inode) {}

  /** An open directory: its source metadata, and whether this copy made it (a deferred one is not made yet). */
  private static final class OpenDir {
    final Path src;
    final FileMeta meta;
    boolean made;
    boolean existed;

    OpenDir(Path src, FileMeta meta) {
      this.src = src;
      this.meta = meta;
    }
  }

  private final Path srcRoot;
  private final Path dstRoot;
  private final Overrides overrides;
  private final CopyFilter filter;
  /** Layer semantics ({@link FsOps#mergeTree}): replace conflicting entries, give existing dirs src's metadata. */
  private final boolean layer;
  private final Map<InodeKey, Path> firstCopyOfInode = new HashMap<>();
  private final Deque<OpenDir> open = new ArrayDeque<>();

  TreeCopier(Path srcRoot, Path dstRoot, Overrides overrides, CopyFilter filter, boolean layer) {
    this.srcRoot = srcRoot;
    this.dstRoot = dstRoot;
    this.overrides = overrides;
    this.filter = filter;
    this.layer = layer;
  }

  /** Layer semantics: what is at {@code dst} goes unless it is a directory and so is the new entry. */
  private void clearFor(FileMeta meta, Path dst) throws IOException {
    if (layer && Files.exists(dst, LinkOption.NOFOLLOW_LINKS)
        && (meta.type() != FileMeta.Type.DIR || !Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS))) {
      FsOps.removeTree(dst);
    }
  }

  private Path target(Path src) {
    return dstRoot.resolve(srcRoot.relativize(src).toString());
  }

  private CopyFilter.Decision decide(Path src, boolean directory) {
    if (src.equals(srcRoot)) {
      return CopyFilter.Decision.COPY;
    }
    return filter.decide(srcRoot.relativize(src).toString(), directory);
  }

  @Override
  public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
    CopyFilter.Decision decision = decide(dir, true);
    if (decision == CopyFilter.Decision.SKIP) {
      return FileVisitResult.SKIP_SUBTREE;
    }
    OpenDir d = new OpenDir(dir, FileMeta.lstat(dir));
    if (decision == CopyFilter.Decision.COPY) {
      makeDeferredParents();
      make(d);
    }
    open.push(d);
    return FileVisitResult.CONTINUE;
  }

  private void make(OpenDir d) throws IOException {
    Path dst = target(d.src);
    if (!d.src.equals(srcRoot)) {
      clearFor(d.meta, dst);
    }
    // merging, a directory on both sides takes src's metadata; the root of the merge keeps its own
    d.existed = (!layer || d.src.equals(srcRoot)) && Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS);
    FsOps.createEntry(d.src, d.meta, dst);
    d.made = true;
  }

  /** Makes the delayed directories above the entry about to be copied, outermost first. */
  private void makeDeferredParents() throws IOException {
    List<OpenDir> pending = new ArrayList<>();
    for (OpenDir d : open) { // innermost first
      if (d.made) {
        break;
      }
      pending.add(0, d);
    }
    for (OpenDir d : pending) {
      make(d);
    }
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
    if (decide(file, false) != CopyFilter.Decision.COPY) {
      return FileVisitResult.CONTINUE;
    }
    makeDeferredParents();
    FileMeta meta = FileMeta.lstat(file);
    Path dst = target(file);
    if (meta.isHardLinked()) {
      InodeKey key = new InodeKey(meta.dev(), meta.inode());
      Path first = firstCopyOfInode.get(key);
      if (first != null) {
        clearFor(meta, dst);
        Files.deleteIfExists(dst);
        Files.createLink(dst, first);
        return FileVisitResult.CONTINUE;
      }
      firstCopyOfInode.put(key, dst);
    }
    clearFor(meta, dst);
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
    OpenDir d = open.pop();
    if (d.made && !d.existed) {
      FsOps.applyMeta(target(dir), overrides.applyTo(d.meta));
      Xattrs.copy(dir, target(dir));
    }
    return FileVisitResult.CONTINUE;
  }
}

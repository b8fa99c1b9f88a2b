package dev.jbuild.snapshots;

import dev.jbuild.fs.FileMeta;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/** What a snapshot's own tree costs: bytes of regular files and inodes, each hard-linked inode once. */
final class DiskUsage {
  private DiskUsage() {}

  static Snapshotter.Usage of(Path tree) throws IOException {
    long[] sizeAndInodes = new long[2];
    Set<Long> seenInodes = new HashSet<>();
    Files.walkFileTree(tree, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
        sizeAndInodes[1]++;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        FileMeta meta = FileMeta.lstat(f);
        if (seenInodes.add(meta.inode())) {
          sizeAndInodes[0] += meta.type() == FileMeta.Type.FILE ? meta.size() : 0;
          sizeAndInodes[1]++;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return new Snapshotter.Usage(sizeAndInodes[0], sizeAndInodes[1]);
  }
}

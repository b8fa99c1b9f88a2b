package dev.jbuild.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync(2) for files, directories and whole trees: what makes a write survive a crash. */
public final class Fsync {
  private Fsync() {}

  /** Flushes a regular file's data and metadata to disk. */
  public static void file(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Flushes a directory, making creations, renames and removals of its entries durable. */
  public static void dir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * Flushes every file and directory under {@code root}: one syncfs(2) of the file system holding it (a tree
   * is never spread over several). One journal commit for the lot, where an fsync per file costs one each:
   * a RUN step's 20,000 small files took 16 s to fsync one by one here, and 0.03 s to syncfs.
   */
  public static void tree(Path root) throws IOException {
    LinuxCalls.syncFilesystem(root);
  }
}

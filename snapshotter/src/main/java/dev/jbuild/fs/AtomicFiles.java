package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one crash-safe way to replace a small file: readers see the old content or the new, never a mix,
 * and after {@link #write} returns the new content survives a crash. The file gets mode 0600 (daemon
 * state is private; chmod it afterwards if others must read it).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code data} to a temp file beside {@code target}, fsyncs it, renames it over target, fsyncs the dir. */
  public static void write(Path target, byte[] data) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, data);
      Fsync.file(tmp);
      moveAtomically(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
    Fsync.dir(dir);
  }

  /** rename(2) of {@code from} over {@code to} in the same file system; refuses to fall back to copying. */
  public static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + from + " to " + to + " atomically (different file systems?)", e);
    }
  }
}

package dev.jbuild.client.context;

import dev.jbuild.proto.control.FileStat;
import java.nio.file.Path;

/** One file, directory or symlink of the context: where it is on disk and the stat sent for it. */
public record ContextEntry(Path file, FileStat stat) {

  public boolean isRegularFile() {
    return (stat.getMode() & FileModes.S_IFMT) == FileModes.S_IFREG;
  }
}

package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.Path;

/** A copy would put a directory where a non-directory is, or the other way round. */
public final class FileConflictException extends IOException {
  private final transient Path path;
  private final String reason;

  public FileConflictException(Path path, String reason) {
    super(reason + ": " + path);
    this.path = path;
    this.reason = reason;
  }

  /** The host path of the entry in the way. */
  public Path path() {
    return path;
  }

  /** What was refused, without the path. */
  public String reason() {
    return reason;
  }
}

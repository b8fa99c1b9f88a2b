package dev.jbuild.client.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a symlink's target without following it. Known limit: the JDK collapses redundant slashes in the
 * target ("a//b/" reads as "a/b"); everything else, relative or absolute, dangling or not, is kept as stored.
 */
final class SymlinkTargets {

  private SymlinkTargets() {}

  static String read(Path link) throws IOException {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (NoSuchFileException e) {
      throw new ContextFileException("context file " + link + " vanished while it was being sent", e);
    }
  }
}

package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.InRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Creates missing directories inside a tree, as BuildKit's MkdirAll: 0755, owned as asked. */
final class Dirs {
  private Dirs() {}

  /** Makes every missing directory of {@code path} (tree-absolute); returns the host path of the last. */
  static Path mkdirAll(Path root, String path, Owners.Ids owner, int mode) throws StepException, IOException {
    String walked = "";
    Path dir = root;
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      walked = walked + "/" + part;
      dir = InRoot.resolve(root, walked, true);
      if (Files.isDirectory(dir)) {
        continue;
      }
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new StepException("cannot create directory " + walked + ": a file is in the way");
      }
      Files.createDirectory(dir);
      Files.setAttribute(dir, "unix:mode", mode);
      Files.setAttribute(dir, "unix:uid", owner.uid().orElse(0));
      Files.setAttribute(dir, "unix:gid", owner.gid().orElse(0));
    }
    return dir;
  }
}

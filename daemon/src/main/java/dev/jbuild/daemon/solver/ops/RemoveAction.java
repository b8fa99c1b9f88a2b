package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.InRoot;
import dev.jbuild.patterns.Globs;
import dev.jbuild.proto.ops.FileRemove;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Removes a path (and what is under it); symlinks are removed, never followed. */
final class RemoveAction {
  private final FileRemove rm;

  RemoveAction(FileRemove rm) {
    this.rm = rm;
  }

  void apply(Path root) throws StepException, IOException {
    List<String> paths = rm.getAllowWildcard() && Globs.hasWildcard(rm.getPath())
        ? Wildcards.expand(root, rm.getPath()) : List.of(rm.getPath());
    if (paths.isEmpty() && !rm.getAllowNotFound()) {
      throw new StepException("\"" + rm.getPath() + "\": not found");
    }
    for (String p : paths) {
      Path host = InRoot.resolve(root, p, false);
      if (!InRoot.exists(host)) {
        if (rm.getAllowNotFound()) {
          continue;
        }
        throw new StepException("\"" + p + "\": not found");
      }
      FsOps.removeTree(host);
    }
  }
}

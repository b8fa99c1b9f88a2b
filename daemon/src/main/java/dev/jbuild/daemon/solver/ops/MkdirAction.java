package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.InRoot;
import dev.jbuild.proto.ops.FileMkdir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes a directory (WORKDIR): missing parents too when asked; an existing directory is left as it is. */
final class MkdirAction {
  private final FileMkdir mkdir;

  MkdirAction(FileMkdir mkdir) {
    this.mkdir = mkdir;
  }

  void apply(Path root) throws StepException, IOException {
    Owners.Ids owner = Owners.resolve(mkdir.getOwner(), root);
    int mode = mkdir.getMode() == 0 ? 0755 : mkdir.getMode();
    if (!mkdir.getMakeParents()) {
      String path = mkdir.getPath();
      int slash = path.lastIndexOf('/');
      Path parent = InRoot.resolve(root, slash <= 0 ? "/" : path.substring(0, slash), true);
      if (!Files.isDirectory(parent)) {
        throw new StepException("cannot make directory " + path + ": its parent does not exist");
      }
    }
    Dirs.mkdirAll(root, mkdir.getPath(), owner, mode);
  }
}

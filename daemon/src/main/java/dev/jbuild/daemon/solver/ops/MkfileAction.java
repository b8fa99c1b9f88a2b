package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.InRoot;
import dev.jbuild.proto.ops.FileMkfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a file with given bytes (COPY heredocs later); its parent must exist. */
final class MkfileAction {
  private final FileMkfile mkfile;

  MkfileAction(FileMkfile mkfile) {
    this.mkfile = mkfile;
  }

  void apply(Path root) throws StepException, IOException {
    Path p = InRoot.resolve(root, mkfile.getPath(), true);
    if (!Files.isDirectory(p.getParent())) {
      throw new StepException("cannot write " + mkfile.getPath() + ": its directory does not exist");
    }
    Files.write(p, mkfile.getData().toByteArray());
    Owners.Ids owner = Owners.resolve(mkfile.getOwner(), root);
    Files.setAttribute(p, "unix:uid", owner.uid().orElse(0));
    Files.setAttribute(p, "unix:gid", owner.gid().orElse(0));
    Files.setAttribute(p, "unix:mode", mkfile.getMode() == 0 ? 0644 : mkfile.getMode());
  }
}

package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.snapshots.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A tree that is a plain directory, not a snapshot: the files a client sent. Read only. */
record DirectoryRef(Path dir) implements Ref {
  @Override
  public List<Mount> mounts() {
    return List.of(Mount.bind(dir.toString(), true));
  }

  @Override
  public Optional<String> snapshot() {
    return Optional.empty();
  }
}

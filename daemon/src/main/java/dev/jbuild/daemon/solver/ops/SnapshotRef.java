package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.snapshots.Mount;
import java.util.List;
import java.util.Optional;

/** A committed snapshot made by a step, with the read-only mounts of a view of it. */
record SnapshotRef(String name, List<Mount> mounts) implements Ref {
  SnapshotRef {
    mounts = List.copyOf(mounts);
  }

  @Override
  public Optional<String> snapshot() {
    return Optional.of(name);
  }
}

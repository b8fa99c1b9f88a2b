package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.snapshots.Mount;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A committed snapshot made by a step, with the read-only mounts of a view of it. */
record SnapshotRef(String name, List<Mount> mounts) implements Ref {
  SnapshotRef {
    mounts = List.copyOf(mounts);
  }

  /**
   * A step's result: commits the step's active snapshot {@code key} under a new name and shows it through a
   * read-only view; the job owns both from then on (and no longer the key).
   */
  static SnapshotRef committed(JobContext job, String key) throws IOException {
    String name = job.newKey("layer");
    job.snapshotter().commit(name, key);
    job.disown(key);
    job.own(name);
    String viewKey = job.newKey("view");
    List<Mount> view = job.snapshotter().view(viewKey, name);
    job.own(viewKey);
    return new SnapshotRef(name, view);
  }

  @Override
  public Optional<String> snapshot() {
    return Optional.of(name);
  }
}

package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.snapshots.Mount;
import java.io.IOException;
import java.util.List;

/**
 * The snapshot a step writes. Lifecycle: {@link #prepare} makes an active snapshot on a parent (owned by the
 * job, so a failure before commit leaves nothing behind); the step writes through {@link #mounts};
 * {@link #commit} turns it into a committed snapshot, still owned by the job, shown read-only as the step's
 * result.
 */
final class NewSnapshot {
  private final JobContext job;
  private final String key;
  private final List<Mount> mounts;

  private NewSnapshot(JobContext job, String key, List<Mount> mounts) {
    this.job = job;
    this.key = key;
    this.mounts = mounts;
  }

  /** @param parent the committed snapshot to build on, or "" for an empty tree */
  static NewSnapshot prepare(JobContext job, String purpose, String parent) throws IOException {
    String key = job.newKey(purpose);
    List<Mount> mounts = job.snapshotter().prepare(key, parent);
    job.own(key);
    return new NewSnapshot(job, key, mounts);
  }

  List<Mount> mounts() {
    return mounts;
  }

  SnapshotRef commit() throws IOException {
    String name = job.newKey("layer");
    job.snapshotter().commit(name, key);
    job.disown(key);
    job.own(name);
    String viewKey = job.newKey("view");
    List<Mount> view = job.snapshotter().view(viewKey, name);
    job.own(viewKey);
    return new SnapshotRef(name, view);
  }
}

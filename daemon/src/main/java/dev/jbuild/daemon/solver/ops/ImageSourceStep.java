package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.pull.ImagePuller;
import dev.jbuild.daemon.registry.ImageRef;
import dev.jbuild.daemon.registry.RegistryException;
import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Op;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.proto.ops.ImageSource;
import dev.jbuild.proto.ops.Platform;
import dev.jbuild.snapshots.Mount;
import java.util.List;
import java.util.Optional;

/** A base image (FROM an image): its layers pulled and unpacked, shown read-only as the step's tree. */
final class ImageSourceStep implements Op {
  private final ImageSource source;
  private final Platform platform;
  private final ImagePuller puller;

  ImageSourceStep(ImageSource source, Platform platform, ImagePuller puller) {
    this.source = source;
    this.platform = platform;
    this.puller = puller;
  }

  @Override
  public Ref exec(JobContext job, List<Ref> inputs) throws Exception {
    ImageRef ref;
    try {
      ref = ImageRef.parse(source.getRef());
    } catch (IllegalArgumentException e) {
      throw new StepException(e.getMessage());
    }
    Optional<String> top;
    try {
      top = puller.pull(ref, platform, job.session()); // the client's credentials, never the daemon's
    } catch (RegistryException e) {
      throw new StepException(e.getMessage());
    }
    if (top.isEmpty()) {
      return Ref.EMPTY;
    }
    String viewKey = job.newKey("image-view");
    List<Mount> view = job.snapshotter().view(viewKey, top.get());
    job.own(viewKey);
    return new SnapshotRef(top.get(), view);
  }
}

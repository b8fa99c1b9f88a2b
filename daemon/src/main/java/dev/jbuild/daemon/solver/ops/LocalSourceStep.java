package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Op;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.proto.ops.LocalSource;
import java.nio.file.Path;
import java.util.List;

/** A local source (the build context): the files come from the client over the build's session. */
final class LocalSourceStep implements Op {
  private final LocalSource source;

  LocalSourceStep(LocalSource source) {
    this.source = source;
  }

  @Override
  public boolean usesMachine() {
    return false; // it waits on the client; writing the files is paced by the client too
  }

  @Override
  public Ref exec(JobContext job, List<Ref> inputs) throws Exception {
    Path dir = job.session().localFiles(source.getName(), source.getIncludePatternsList(),
        source.getExcludePatternsList());
    return new DirectoryRef(dir);
  }
}

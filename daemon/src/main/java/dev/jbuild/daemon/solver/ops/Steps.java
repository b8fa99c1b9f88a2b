package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.graph.StepGraph.Vertex;
import dev.jbuild.daemon.pull.ImagePuller;
import dev.jbuild.daemon.solver.Op;
import dev.jbuild.daemon.solver.OpResolver;
import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.proto.ops.Platform;
import dev.jbuild.worker.Executor;

/** The ops this daemon can run, one class each; the solver asks here for a vertex's op. */
public final class Steps implements OpResolver {
  private static final Platform DEFAULT_PLATFORM =
      Platform.newBuilder().setOs("linux").setArchitecture("amd64").build();

  private final ImagePuller images;
  private final Executor executor;

  /**
   * @param images   pulls base images (FROM an image)
   * @param executor runs RUN's processes
   */
  public Steps(ImagePuller images, Executor executor) {
    this.images = images;
    this.executor = executor;
  }

  @Override
  public Op resolve(Vertex v) throws StepException {
    var op = v.op();
    return switch (op.getOpCase()) {
      case SOURCE -> switch (op.getSource().getSourceCase()) {
        case LOCAL -> new LocalSourceStep(op.getSource().getLocal());
        case IMAGE -> new ImageSourceStep(op.getSource().getImage(),
            op.hasPlatform() ? op.getPlatform() : DEFAULT_PLATFORM, images);
        default -> throw new StepException("empty source");
      };
      case FILE -> new FileStep(op.getFile());
      case EXEC -> new ExecStep(v, op.getExec(), executor);
      default -> throw new StepException("empty op");
    };
  }
}

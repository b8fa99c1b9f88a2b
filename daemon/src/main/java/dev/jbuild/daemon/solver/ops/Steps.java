package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.graph.StepGraph.Vertex;
import dev.jbuild.daemon.solver.Op;
import dev.jbuild.daemon.solver.OpResolver;
import dev.jbuild.daemon.solver.StepException;

/** The ops this daemon can run, one class each; the solver asks here for a vertex's op. */
public final class Steps implements OpResolver {

  @Override
  public Op resolve(Vertex v) throws StepException {
    var op = v.op();
    return switch (op.getOpCase()) {
      case SOURCE -> switch (op.getSource().getSourceCase()) {
        case LOCAL -> new LocalSourceStep(op.getSource().getLocal());
        case IMAGE -> throw new StepException("base images from a registry are not supported yet ("
            + op.getSource().getImage().getRef() + ")");
        default -> throw new StepException("empty source");
      };
      case FILE -> new FileStep(op.getFile());
      case EXEC -> throw new StepException("RUN is not supported yet");
      default -> throw new StepException("empty op");
    };
  }
}

package dev.jbuild.daemon.solver;

import java.util.List;

/**
 * What one vertex of the step graph does. The solver never learns more about an op than this.
 *
 * <p>Lifecycle: the solver calls {@link #exec} once per build, on a worker thread, when every input is
 * done, passing the inputs' results in the vertex's input order. An op that is cancelled (its thread
 * interrupted) stops as soon as it can, leaves nothing half-made behind, and throws
 * InterruptedException. Any other exception fails the vertex and the build.
 */
public interface Op {
  Ref exec(JobContext job, List<Ref> inputs) throws Exception;

  /**
   * Whether the op works the machine (files, processes) and so counts against the solver's parallelism.
   * An op that mostly waits on a client (a local source) does not, so that slow clients never stall the
   * other builds of a shared daemon.
   */
  default boolean usesMachine() {
    return true;
  }
}

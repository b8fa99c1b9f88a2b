package dev.jbuild.daemon.solver;

import dev.jbuild.daemon.graph.StepGraph;

/** Picks the {@link Op} that runs a vertex. */
@FunctionalInterface
public interface OpResolver {
  /** @throws StepException when the vertex's op cannot be run here (e.g. not supported yet) */
  Op resolve(StepGraph.Vertex vertex) throws StepException;
}

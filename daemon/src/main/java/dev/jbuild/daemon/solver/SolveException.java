package dev.jbuild.daemon.solver;

import dev.jbuild.daemon.graph.StepGraph.Vertex;

/** A solve failed at one vertex; the message is user-facing and names the Dockerfile line. */
public final class SolveException extends Exception {
  private final transient Vertex vertex;

  public SolveException(Vertex vertex, String message, Throwable cause) {
    super(message, cause);
    this.vertex = vertex;
  }

  public Vertex vertex() {
    return vertex;
  }
}

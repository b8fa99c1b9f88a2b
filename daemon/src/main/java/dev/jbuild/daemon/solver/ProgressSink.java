package dev.jbuild.daemon.solver;

import dev.jbuild.daemon.graph.StepGraph.Vertex;
import java.time.Instant;
import java.util.List;

/** Where the solver reports what it does. Called from many threads at once: implementations are thread-safe. */
public interface ProgressSink {

  void started(Vertex vertex, Instant at, List<String> inputs);

  void completed(Vertex vertex, Instant started, Instant at);

  void failed(Vertex vertex, Instant started, Instant at, String error);

  /** A line (or chunk) of a step's output; stream 1 = stdout, 2 = stderr. */
  void log(Vertex vertex, int stream, byte[] data);

  /** A measurable part of a step (bytes transferred, files written); total 0 = unknown. */
  void progress(Vertex vertex, String id, long current, long total);

  ProgressSink NONE = new ProgressSink() {
    @Override
    public void started(Vertex vertex, Instant at, List<String> inputs) {}

    @Override
    public void completed(Vertex vertex, Instant started, Instant at) {}

    @Override
    public void failed(Vertex vertex, Instant started, Instant at, String error) {}

    @Override
    public void log(Vertex vertex, int stream, byte[] data) {}

    @Override
    public void progress(Vertex vertex, String id, long current, long total) {}
  };
}

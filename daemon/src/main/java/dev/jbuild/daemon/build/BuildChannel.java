package dev.jbuild.daemon.build;

import dev.jbuild.daemon.solver.ProgressSink;
import dev.jbuild.proto.ops.SourceLocation;
import java.io.IOException;
import dev.jbuild.daemon.exporter.CommittableStream;

/** What a build sends back to its client while it runs. Thread-safe. */
public interface BuildChannel {

  ProgressSink progress();

  void warning(String message, SourceLocation location);

  /**
   * A stream to file output {@code index} (of the request's outputs), written on the client's disk. Writes
   * block while the client is slow to read. The client keeps the file only once the stream is committed.
   */
  CommittableStream openOutput(int index) throws IOException;
}

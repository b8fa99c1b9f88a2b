package dev.jbuild.daemon.build;

import dev.jbuild.daemon.solver.ProgressSink;
import dev.jbuild.proto.ops.SourceLocation;
import java.io.IOException;
import java.io.OutputStream;

/** What a build sends back to its client while it runs. Thread-safe. */
public interface BuildChannel {

  ProgressSink progress();

  void warning(String message, SourceLocation location);

  /**
   * A stream to file output {@code index} (of the request's outputs), written on the client's disk. Writes
   * block while the client is slow to read. Closing it marks the end of the file.
   */
  OutputStream openOutput(int index) throws IOException;
}

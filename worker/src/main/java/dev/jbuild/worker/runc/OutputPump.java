package dev.jbuild.worker.runc;

import dev.jbuild.worker.Executor.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output stream of a container to its {@link LogSink} as chunks arrive, on a thread of its own,
 * until end of file (the container's processes are all gone). A sink that throws loses that chunk only.
 */
final class OutputPump implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputPump.class);
  private static final int CHUNK = 32 * 1024;

  private final InputStream in;
  private final int stream;
  private final LogSink sink;

  private OutputPump(InputStream in, int stream, LogSink sink) {
    this.in = in;
    this.stream = stream;
    this.sink = sink;
  }

  static Thread start(String name, InputStream in, int stream, LogSink sink) {
    Thread t = new Thread(new OutputPump(in, stream, sink), name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public void run() {
    byte[] buf = new byte[CHUNK];
    try (in) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        if (n > 0) {
          deliver(Arrays.copyOf(buf, n));
        }
      }
    } catch (IOException e) {
      LOG.debug("reading stream {} of a container: {}", stream, e.toString());
    }
  }

  private void deliver(byte[] chunk) {
    try {
      sink.write(stream, chunk);
    } catch (RuntimeException e) {
      LOG.warn("log sink failed on stream {}: {}", stream, e.toString());
    }
  }
}

package dev.jbuild.worker.runc;

import dev.jbuild.worker.Executor.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A LogSink that keeps stdout and stderr, and lets a test wait for some text to arrive. */
final class CollectedLogs implements LogSink {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Override
  public synchronized void write(int stream, byte[] data) {
    (stream == 1 ? out : err).writeBytes(data);
    notifyAll();
  }

  synchronized String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  synchronized String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Whether stdout contained {@code text} within {@code millis}. */
  synchronized boolean awaitStdout(String text, long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!stdout().contains(text)) {
      long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}

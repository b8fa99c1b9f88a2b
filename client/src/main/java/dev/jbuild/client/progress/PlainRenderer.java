package dev.jbuild.client.progress;

import dev.jbuild.client.progress.VertexTable.Vertex;
import dev.jbuild.proto.control.Event;
import dev.jbuild.proto.control.VertexProgress;
import java.io.PrintStream;

/**
 * BuildKit's plain format: {@code #N name}, log lines {@code #N 0.123 text}, then {@code #N DONE 0.1s},
 * {@code #N CACHED} or {@code #N ERROR: msg}. When output switches to another vertex, a blank line and that
 * vertex's header come first, so steps that run at the same time show up interleaved.
 */
final class PlainRenderer implements ProgressRenderer {

  private final PrintStream out;
  private final ProgressMode.Clock clock;
  private final long startNanos;
  private final VertexTable table = new VertexTable();
  private final LogLines logs = new LogLines();
  private Vertex current;

  PlainRenderer(PrintStream out, ProgressMode.Clock clock) {
    this.out = out;
    this.clock = clock;
    this.startNanos = clock.nanoTime();
  }

  @Override
  public void onEvent(Event event) {
    Vertex v = table.apply(event);
    if (v == null) {
      if (event.hasWarning()) {
        out.println("WARNING: " + event.getWarning().getMessage());
      }
      return;
    }
    switch (event.getKindCase()) {
      case STARTED:
        header(v);
        break;
      case LOG:
        for (String line : logs.add(v.digest, event.getLog().getData().toByteArray())) {
          logLine(v, event, line);
        }
        break;
      case PROGRESS:
        progress(v, event.getProgress());
        break;
      case COMPLETED:
        flushLog(v, event);
        line(v, "DONE " + Durations.seconds(elapsed(v)));
        break;
      case CACHED:
        line(v, "CACHED");
        break;
      case FAILED:
        flushLog(v, event);
        line(v, "ERROR: " + v.error);
        break;
      default:
        header(v);
        break;
    }
  }

  private void progress(Vertex v, VertexProgress p) {
    if (p.getTotal() > 0 && p.getCurrent() >= p.getTotal()) {
      line(v, p.getId() + " " + Bytes.human(p.getCurrent()) + " done");
    }
  }

  private void flushLog(Vertex v, Event event) {
    String rest = logs.flush(v.digest);
    if (rest != null) {
      logLine(v, event, rest);
    }
  }

  private void logLine(Vertex v, Event event, String text) {
    long since = v.started == null ? 0 : Durations.between(v.started, event.getTime());
    line(v, Durations.secondsPrecise(since) + " " + text);
  }

  private long elapsed(Vertex v) {
    return v.started == null || v.ended == null ? 0 : Durations.between(v.started, v.ended);
  }

  private void header(Vertex v) {
    if (current == v) {
      return;
    }
    if (current != null) {
      out.println();
    }
    current = v;
    out.println("#" + v.number + " " + v.name);
  }

  private void line(Vertex v, String text) {
    header(v);
    out.println("#" + v.number + " " + text);
  }

  @Override
  public void finish(boolean succeeded) {
    if (current != null) {
      out.println();
    }
    String total = Durations.seconds(clock.nanoTime() - startNanos);
    out.println((succeeded ? "Build finished in " : "Build failed after ") + total
        + " (" + table.finishedCount() + "/" + table.size() + " steps; " + table.parallelismSummary() + ")");
    out.flush();
  }
}

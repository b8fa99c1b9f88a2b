package dev.jbuild.client.progress;

import dev.jbuild.client.progress.VertexTable.Vertex;
import dev.jbuild.proto.control.Event;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A live view redrawn in place with ANSI escapes: a header with the elapsed time, one line per vertex
 * (finished ones collapsed to their name and duration, running ones with a ticking time and their last log
 * lines). Redrawn on every event and every 100 ms; all drawing is synchronized on this renderer.
 */
final class TtyRenderer implements ProgressRenderer {

  private static final int LOG_TAIL = 3;
  private static final int MAX_FINISHED_SHOWN = 30;

  private final PrintStream out;
  private final ProgressMode.Clock clock;
  private final long startNanos;
  private final VertexTable table = new VertexTable();
  private final LogLines logs = new LogLines();
  private final List<String> warnings = new ArrayList<>();
  private final int width;
  private final ScheduledExecutorService ticker;
  private int drawnLines;

  TtyRenderer(PrintStream out, ProgressMode.Clock clock) {
    this.out = out;
    this.clock = clock;
    this.startNanos = clock.nanoTime();
    this.width = terminalWidth();
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress-tty");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::redraw, 100, 100, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void onEvent(Event event) {
    Vertex v = table.apply(event);
    if (v == null) {
      if (event.hasWarning()) {
        warnings.add(event.getWarning().getMessage());
      }
    } else if (event.hasLog()) {
      for (String line : logs.add(v.digest, event.getLog().getData().toByteArray())) {
        v.recentLogs.add(line);
        if (v.recentLogs.size() > 50) {
          v.recentLogs.remove(0);
        }
      }
    }
    redraw();
  }

  private synchronized void redraw() {
    List<String> frame = frame();
    StringBuilder sb = new StringBuilder();
    if (drawnLines > 0) {
      sb.append("\033[").append(drawnLines).append('F');
    }
    for (String line : frame) {
      sb.append("\033[2K").append(line).append('\n');
    }
    sb.append("\033[J");
    out.print(sb);
    out.flush();
    drawnLines = frame.size();
  }

  private List<String> frame() {
    long now = clock.nanoTime();
    List<String> lines = new ArrayList<>();
    lines.add(String.format("[+] Building %s (%d/%d)", Durations.seconds(now - startNanos),
        table.finishedCount(), table.size()));
    long finished = table.finishedCount();
    long hidden = Math.max(0, finished - MAX_FINISHED_SHOWN);
    if (hidden > 0) {
      lines.add(" => ... " + hidden + " earlier steps done");
    }
    long skipped = 0;
    for (Vertex v : table.all()) {
      if (v.finished() && skipped < hidden) {
        skipped++;
        continue;
      }
      lines.add(vertexLine(v, now));
      if (v.running || v.error != null) {
        int from = Math.max(0, v.recentLogs.size() - LOG_TAIL);
        for (String log : v.recentLogs.subList(from, v.recentLogs.size())) {
          lines.add(fit(" => => # " + log, width));
        }
      }
    }
    return lines;
  }

  private String vertexLine(Vertex v, long now) {
    String prefix = v.cached ? "CACHED " : v.error != null ? "ERROR " : "";
    String time;
    if (v.finished()) {
      time = v.started == null || v.ended == null ? "0.0s" : Durations.seconds(Durations.between(v.started, v.ended));
    } else if (v.running) {
      long startedAt = Durations.nanos(v.started);
      long wall = System.currentTimeMillis() * 1_000_000L;
      time = Durations.seconds(wall - startedAt);
    } else {
      time = "";
    }
    String name = fit(" => " + prefix + v.name, width - 8);
    StringBuilder line = new StringBuilder(name);
    while (line.length() < width - time.length() - 1) {
      line.append(' ');
    }
    return line.append(time).toString();
  }

  private static String fit(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
  }

  private static int terminalWidth() {
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"));
      return Math.max(40, columns);
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  @Override
  public synchronized void finish(boolean succeeded) {
    ticker.shutdownNow();
    redraw();
    for (Vertex v : table.all()) {
      if (v.error != null) {
        out.println("------\n > " + v.name + ":");
        for (String log : v.recentLogs) {
          out.println(log);
        }
        out.println("------");
      }
    }
    for (String w : warnings) {
      out.println("WARNING: " + w);
    }
    String total = Durations.seconds(clock.nanoTime() - startNanos);
    out.println((succeeded ? "Build finished in " : "Build failed after ") + total
        + " (" + table.finishedCount() + "/" + table.size() + " steps; " + table.parallelismSummary() + ")");
    out.flush();
  }
}

package dev.jbuild.client.progress;

import com.google.protobuf.Timestamp;
import dev.jbuild.proto.control.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every vertex seen so far, numbered in order of first appearance (#1, #2, ...), and how many
 * ran at the same time at most: the number the summary line reports.
 */
final class VertexTable {

  /** One vertex's progress. Mutable, owned by the table, read by renderers on the same thread. */
  static final class Vertex {
    final int number;
    final String digest;
    String name;
    Timestamp started;
    Timestamp ended;
    boolean running;
    boolean cached;
    boolean completed;
    String error;
    final List<String> recentLogs = new ArrayList<>();

    Vertex(int number, String digest, String name) {
      this.number = number;
      this.digest = digest;
      this.name = name;
    }

    boolean finished() {
      return completed || cached || error != null;
    }
  }

  private final Map<String, Vertex> vertices = new LinkedHashMap<>();
  private int running;
  private int maxParallel;

  /** Applies the event and returns its vertex (null for build-wide events). */
  Vertex apply(Event event) {
    if (event.getVertex().isEmpty()) {
      return null;
    }
    Vertex v = vertices.computeIfAbsent(event.getVertex(),
        d -> new Vertex(vertices.size() + 1, d, event.getName()));
    if (!event.getName().isEmpty()) {
      v.name = event.getName();
    }
    switch (event.getKindCase()) {
      case STARTED:
        v.started = event.getTime();
        setRunning(v, true);
        break;
      case COMPLETED:
        if (event.getCompleted().hasStarted()) {
          v.started = event.getCompleted().getStarted();
        }
        v.ended = event.getTime();
        v.completed = true;
        setRunning(v, false);
        break;
      case CACHED:
        v.cached = true;
        v.ended = event.getTime();
        setRunning(v, false);
        break;
      case FAILED:
        if (event.getFailed().hasStarted()) {
          v.started = event.getFailed().getStarted();
        }
        v.ended = event.getTime();
        v.error = event.getFailed().getError();
        setRunning(v, false);
        break;
      default:
        break;
    }
    return v;
  }

  private void setRunning(Vertex v, boolean now) {
    if (v.running == now) {
      return;
    }
    v.running = now;
    running += now ? 1 : -1;
    maxParallel = Math.max(maxParallel, running);
  }

  Iterable<Vertex> all() {
    return Collections.unmodifiableCollection(vertices.values());
  }

  int size() {
    return vertices.size();
  }

  long finishedCount() {
    return vertices.values().stream().filter(Vertex::finished).count();
  }

  int maxParallel() {
    return maxParallel;
  }

  /** "at most 3 steps ran in parallel" — the product's theme, said after every build. */
  String parallelismSummary() {
    if (maxParallel <= 1) {
      return "steps ran one at a time";
    }
    return "at most " + maxParallel + " steps ran in parallel";
  }
}

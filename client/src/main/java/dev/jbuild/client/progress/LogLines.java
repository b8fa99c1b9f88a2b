package dev.jbuild.client.progress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Splits each vertex's log bytes into whole lines, keeping a partial last line until more data comes. */
final class LogLines {

  private final Map<String, StringBuilder> partial = new HashMap<>();

  List<String> add(String vertex, byte[] data) {
    StringBuilder buf = partial.computeIfAbsent(vertex, k -> new StringBuilder());
    buf.append(new String(data, StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    int nl;
    while ((nl = buf.indexOf("\n")) >= 0) {
      String line = buf.substring(0, nl);
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      buf.delete(0, nl + 1);
    }
    return lines;
  }

  /** The unterminated rest of a vertex's log, if any, once the vertex has ended. */
  String flush(String vertex) {
    StringBuilder buf = partial.remove(vertex);
    return buf == null || buf.length() == 0 ? null : buf.toString();
  }
}

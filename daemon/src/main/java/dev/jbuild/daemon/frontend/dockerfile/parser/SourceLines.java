package dev.jbuild.daemon.frontend.dockerfile.parser;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical lines of a Dockerfile, read one after the other. Each line is seen twice: without its line
 * ending (what instructions are made of) and exactly as written (what heredoc bodies are made of).
 */
final class SourceLines {
  private static final int MAX_LINE_BYTES = 65535;

  /** One line: {@code text} without trailing CR/LF characters, {@code raw} with its line ending. */
  record Line(String text, String raw) {}

  private final List<Line> lines;
  private int next;

  private SourceLines(List<Line> lines) {
    this.lines = lines;
  }

  /** Splits on \n, as Go's scanner with BuildKit's scanLines: a last line without \n counts, no empty last line. */
  static SourceLines of(String text) throws DockerfileError {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      String raw = text.substring(start, end);
      String line = trimNewline(raw);
      if (line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
        throw new DockerfileError(lines.size() + 1,
            "dockerfile line greater than max allowed size of " + MAX_LINE_BYTES);
      }
      lines.add(new Line(line, raw));
      start = end;
    }
    return new SourceLines(lines);
  }

  boolean hasNext() {
    return next < lines.size();
  }

  Line next() {
    return lines.get(next++);
  }

  /** 1-based number of the line last returned by {@link #next()}; 0 before the first. */
  int lineNumber() {
    return next;
  }

  static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }
}

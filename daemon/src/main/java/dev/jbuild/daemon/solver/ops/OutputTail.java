package dev.jbuild.daemon.solver.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines a process wrote (stdout and stderr as they interleaved), for the error of a failed RUN:
 * the user sees why it failed without scrolling back. Thread-safe: the executor writes from its threads.
 */
final class OutputTail {
  static final int LINES = 10;
  private static final int MAX_LINE = 1024;

  private final Deque<String> lines = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();

  synchronized void write(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        push(partial.toString());
        partial.setLength(0);
      } else if (c != '\r' && partial.length() < MAX_LINE) {
        partial.append(c);
      }
    }
  }

  private void push(String line) {
    lines.addLast(line);
    if (lines.size() > LINES) {
      lines.removeFirst();
    }
  }

  /** "" when there was no output, else a newline and the last lines, each indented. */
  synchronized String describe() {
    Deque<String> all = new ArrayDeque<>(lines);
    if (partial.length() > 0) {
      all.addLast(partial.toString());
      if (all.size() > LINES) {
        all.removeFirst();
      }
    }
    if (all.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("\nlast output:");
    for (String l : all) {
      b.append("\n  ").append(l);
    }
    return b.toString();
  }
}

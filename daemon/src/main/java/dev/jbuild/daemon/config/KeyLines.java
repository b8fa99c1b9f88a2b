package dev.jbuild.daemon.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line on which each key of a TOML file is written. Jackson's TOML module reads a file into a tree that keeps
 * no locations (only its syntax errors carry a line), so the lines of keys whose values are wrong come from this
 * scan of table headers ({@code [a."b"]}) and key/value lines ({@code a.b = ...}). A key inside an inline table
 * is not indexed: {@link #lineOf} then gives the line of the nearest enclosing key that is.
 */
final class KeyLines {
  private final Map<List<String>, Integer> lines = new HashMap<>();

  private KeyLines() {}

  /** Indexes {@code text}, which Jackson has already read without a syntax error. */
  static KeyLines of(String text) {
    KeyLines index = new KeyLines();
    List<String> table = List.of();
    String openString = null; // the closing quotes of a multi-line string that runs past the line
    String[] rows = text.split("\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i].strip();
      if (openString != null) {
        openString = row.contains(openString) ? null : openString;
        continue;
      }
      if (row.startsWith("[")) {
        int depth = row.startsWith("[[") ? 2 : 1;
        Keys header = Keys.read(row, depth);
        if (header != null) {
          table = header.names();
          index.add(table, i + 1);
        }
        continue;
      }
      Keys keys = Keys.read(row, 0);
      if (keys == null || keys.end() >= row.length() || row.charAt(keys.end()) != '=') {
        continue; // a comment, a blank line, or the inside of a multi-line array
      }
      List<String> path = new ArrayList<>(table);
      path.addAll(keys.names());
      index.add(path, i + 1);
      openString = unclosedString(row.substring(keys.end() + 1).strip());
    }
    return index;
  }

  private void add(List<String> path, int line) {
    for (int n = 1; n <= path.size(); n++) {
      lines.putIfAbsent(List.copyOf(path.subList(0, n)), line); // a.b.c = 1 defines tables a and a.b here too
    }
  }

  private static String unclosedString(String value) {
    for (String quotes : new String[] {"\"\"\"", "'''"}) {
      if (value.startsWith(quotes) && value.indexOf(quotes, 3) < 0) {
        return quotes;
      }
    }
    return null;
  }

  /** The line of {@code key}, else of its nearest indexed parent; 0 when none is indexed. */
  int lineOf(KeyPath key) {
    List<String> parts = key.parts();
    for (int n = parts.size(); n > 0; n--) {
      Integer line = lines.get(parts.subList(0, n));
      if (line != null) {
        return line;
      }
    }
    return 0;
  }

  /** A dotted key read from the start of a line (after {@code depth} opening brackets), and where it ends. */
  private record Keys(List<String> names, int end) {

    /** The key, with {@code end} just past the closing brackets of a header; null when there is none. */
    static Keys read(String row, int depth) {
      List<String> names = new ArrayList<>();
      int i = depth;
      while (true) {
        i = skipBlanks(row, i);
        int start = i;
        StringBuilder name = new StringBuilder();
        if (i < row.length() && (row.charAt(i) == '"' || row.charAt(i) == '\'')) {
          i = quoted(row, i, name);
          if (i < 0) {
            return null;
          }
        } else {
          while (i < row.length() && isBare(row.charAt(i))) {
            name.append(row.charAt(i++));
          }
          if (i == start) {
            return null;
          }
        }
        names.add(name.toString());
        i = skipBlanks(row, i);
        if (i < row.length() && row.charAt(i) == '.') {
          i++;
          continue;
        }
        break;
      }
      for (int d = 0; d < depth; d++, i++) {
        if (i >= row.length() || row.charAt(i) != ']') {
          return null;
        }
      }
      return new Keys(names, skipBlanks(row, i));
    }

    private static boolean isBare(char c) {
      return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static int skipBlanks(String row, int i) {
      while (i < row.length() && (row.charAt(i) == ' ' || row.charAt(i) == '\t')) {
        i++;
      }
      return i;
    }

    /** Reads a quoted key starting at {@code i} into {@code name}; the index past it, or -1. */
    private static int quoted(String row, int i, StringBuilder name) {
      char quote = row.charAt(i++);
      while (i < row.length() && row.charAt(i) != quote) {
        char c = row.charAt(i++);
        if (quote == '"' && c == '\\' && i < row.length()) {
          char e = row.charAt(i++);
          switch (e) {
            case 'n' -> name.append('\n');
            case 't' -> name.append('\t');
            case 'u', 'U' -> {
              int len = e == 'u' ? 4 : 8;
              if (i + len > row.length()) {
                return -1;
              }
              name.appendCodePoint(Integer.parseInt(row.substring(i, i + len), 16));
              i += len;
            }
            default -> name.append(e);
          }
        } else {
          name.append(c);
        }
      }
      return i < row.length() ? i + 1 : -1;
    }
  }
}

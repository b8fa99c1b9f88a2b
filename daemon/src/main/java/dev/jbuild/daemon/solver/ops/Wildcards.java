package dev.jbuild.daemon.solver.ops;

import dev.jbuild.fs.InRoot;
import dev.jbuild.patterns.Globs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands a COPY source with wildcards (Go's filepath.Match syntax: {@code * ? [...]} and backslash
 * escapes) inside a tree, component by component, in sorted order. Paths returned are tree-absolute.
 */
final class Wildcards {
  private Wildcards() {}

  /** The components of {@code pattern} before its first wildcard, e.g. "/a/b" for "/a/b/*.txt" ("" for "/*"). */
  static String fixedPrefix(String pattern) {
    StringBuilder prefix = new StringBuilder();
    for (String part : pattern.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (Globs.hasWildcard(part)) {
        break;
      }
      prefix.append('/').append(unescape(part));
    }
    return prefix.toString();
  }

  static List<String> expand(Path root, String pattern) throws IOException {
    List<String> matches = new ArrayList<>();
    matches.add("");
    for (String part : pattern.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      List<String> next = new ArrayList<>();
      for (String prefix : matches) {
        if (!Globs.hasWildcard(part)) {
          String candidate = prefix + "/" + unescape(part);
          if (InRoot.exists(InRoot.resolve(root, candidate, false))) {
            next.add(candidate);
          }
          continue;
        }
        Path dir = InRoot.resolve(root, prefix.isEmpty() ? "/" : prefix, true);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + toJavaGlob(part));
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
          for (Path child : ds) {
            if (m.matches(child.getFileName())) {
              names.add(child.getFileName().toString());
            }
          }
        }
        names.sort(null);
        for (String n : names) {
          next.add(prefix + "/" + n);
        }
      }
      matches = next;
    }
    return matches;
  }

  /** Go patterns have no braces; Java's glob does, so escape them. Go's [^...] is Java's [!...]; Go's [!...] is literal. */
  static String toJavaGlob(String go) {
    StringBuilder b = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < go.length(); i++) {
      char c = go.charAt(i);
      if (c == '\\' && i + 1 < go.length()) {
        b.append('\\').append(go.charAt(++i));
      } else if (c == '[') {
        inClass = true;
        b.append(c);
        if (i + 1 < go.length() && go.charAt(i + 1) == '^') {
          b.append('!');
          i++;
        } else if (i + 1 < go.length() && go.charAt(i + 1) == '!') {
          b.append("\\!"); // a literal '!' in Go; negation in Java
          i++;
        }
      } else if (c == ']') {
        inClass = false;
        b.append(c);
      } else if ((c == '{' || c == '}' || c == ',') && !inClass) {
        b.append('\\').append(c);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String unescape(String s) {
    return s.replaceAll("\\\\(.)", "$1");
  }
}

package dev.jbuild.daemon.frontend.dockerfile.convert;

import java.util.ArrayDeque;
import java.util.Deque;

/** Slash-separated path rules of Go's path package and BuildKit's system.NormalizePath (Linux only). */
final class Paths {
  private Paths() {}

  /** Go's path.Clean. */
  static String clean(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean rooted = p.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  static String join(String parent, String child) {
    return clean(parent + "/" + child);
  }

  /**
   * WORKDIR: relative paths are joined to the current working directory (and cleaned); an absolute path is kept as
   * written, trailing slash included (BuildKit's NormalizeWorkdir on Linux: the image config says "/tmp/").
   */
  static String workdir(String current, String requested) {
    if (requested.startsWith("/")) {
      return requested;
    }
    return join(current.isEmpty() ? "/" : current, requested);
  }

  /** A COPY destination against the working directory; a trailing "/" (or "." meaning the directory) is kept. */
  static String destination(String workdir, String dest) {
    String p = dest.isEmpty() || dest.equals(".") ? "./" : dest;
    String joined = p.startsWith("/") ? clean(p) : join(workdir.isEmpty() ? "/" : workdir, p);
    boolean dir = p.endsWith("/") || p.endsWith("/.");
    return dir && !joined.endsWith("/") ? joined + "/" : joined;
  }

  /** A COPY source inside its input: absolute and clean. */
  static String source(String src) {
    return join("/", src);
  }
}

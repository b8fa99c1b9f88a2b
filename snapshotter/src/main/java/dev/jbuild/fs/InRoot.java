package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a tree as if the tree were "/": symlinks met on the way are followed, but an
 * absolute target or ".." never leaves the tree (the root's parent is the root), as BuildKit's
 * fs.RootPath does. Used for COPY sources and destinations, /etc/passwd look-ups, a RUN step's working
 * directory and its mount points.
 */
public final class InRoot {
  private static final int MAX_LINKS = 255;

  private InRoot() {}

  /**
   * The host path of {@code path} inside {@code root}. Symlinks in the parent components are always
   * followed; the last component is followed only when {@code followLast}. A missing component ends the
   * walk: the rest is appended as it is.
   */
  public static Path resolve(Path root, String path, boolean followLast) throws IOException {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, path);
    Deque<String> done = new ArrayDeque<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        done.pollLast();
        continue;
      }
      Path candidate = join(root, done).resolve(part);
      boolean last = todo.isEmpty();
      if ((!last || followLast) && Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links in " + path);
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        push(todo, target);
        continue;
      }
      done.addLast(part);
    }
    return join(root, done);
  }

  /** Whether {@code p} exists, without following a final symlink. */
  public static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  private static Path join(Path root, Deque<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }
}

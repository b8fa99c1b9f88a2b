package dev.jbuild.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Maps the names in a layer to places under a root, never outside it.
 *
 * <p>A name is normalized lexically ("./" and "." dropped, ".." applied); an absolute name, or one whose
 * ".." climbs above the root, is refused. Parent directories are then resolved one component at a time
 * without letting the OS follow anything: a symlink met on the way is read and resolved as the container
 * would see it (an absolute target starts again at the root, as in a chroot), and one whose ".." climbs
 * above the root is refused. The final component is never followed. Errors name the layer (or archive) and the
 * entry.
 */
final class ConfinedPaths {
  private static final int MAX_SYMLINKS = 40;

  private final Path root;
  private final String source;

  /** @param source what the names come from, for errors: "layer sha256:...", "archive /app.tar" */
  ConfinedPaths(Path root, String source) {
    this.root = root;
    this.source = source;
  }

  /** The segments of a tar entry name, or an IOException when it points outside the root. */
  List<String> segments(String name, String entry) throws IOException {
    if (name.startsWith("/")) {
      throw refused(entry, "its path " + name + " is absolute");
    }
    Deque<String> out = new ArrayDeque<>();
    for (String s : name.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (out.isEmpty()) {
          throw refused(entry, "its path " + name + " climbs out of the target with ..");
        }
        out.removeLast();
      } else {
        out.addLast(s);
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The real directory (no symlinks in it, under the root) that {@code dirSegments} name. Missing
   * directories are created with mode 0755 when {@code create}; otherwise they are an error.
   */
  Path directory(List<String> dirSegments, String entry, boolean create) throws IOException {
    Deque<String> pending = new ArrayDeque<>(dirSegments);
    List<String> resolved = new ArrayList<>();
    int symlinks = 0;
    while (!pending.isEmpty()) {
      String s = pending.removeFirst();
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (resolved.isEmpty()) {
          throw refused(entry, "a symlink in its parent path leads out of the target");
        }
        resolved.remove(resolved.size() - 1);
        continue;
      }
      Path p = join(resolved).resolve(s);
      if (Files.isSymbolicLink(p)) {
        if (++symlinks > MAX_SYMLINKS) {
          throw refused(entry, "too many levels of symlinks in its parent path");
        }
        String target = Files.readSymbolicLink(p).toString();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        List<String> parts = Arrays.asList(target.split("/"));
        for (int i = parts.size() - 1; i >= 0; i--) {
          pending.addFirst(parts.get(i));
        }
        continue;
      }
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        if (!create) {
          throw refused(entry, "its parent directory " + String.join("/", resolved) + "/" + s + " does not exist");
        }
        Files.createDirectory(p);
      } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        throw refused(entry, String.join("/", resolved) + "/" + s + " in its parent path is not a directory");
      }
      resolved.add(s);
    }
    return join(resolved);
  }

  /** The place of an entry: its parent resolved (created when missing), joined with its own name. */
  Path entry(List<String> segments, String entry, boolean createParents) throws IOException {
    Path dir = directory(segments.subList(0, segments.size() - 1), entry, createParents);
    return dir.resolve(segments.get(segments.size() - 1));
  }

  private Path join(List<String> segments) {
    Path p = root;
    for (String s : segments) {
      p = p.resolve(s);
    }
    return p;
  }

  IOException refused(String entry, String why) {
    return new IOException(source + ": refusing entry " + entry + ": " + why);
  }
}

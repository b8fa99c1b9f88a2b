package dev.jbuild.client.context;

import dev.jbuild.client.context.ContextFilter.Action;
import dev.jbuild.client.context.ContextFilter.Decision;
import dev.jbuild.client.context.ContextFilter.DirState;
import dev.jbuild.proto.control.FileStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Walks a context directory depth-first in byte order of names (as Go's WalkDir), never following symlinks,
 * and hands the entries its {@link ContextFilter} keeps to a visitor. A directory that is hidden but holds a
 * kept entry is visited just before that entry, so parents always come first.
 */
public final class ContextWalker {

  private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime";
  private static final Comparator<String> BYTE_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private final Path root;
  private final ContextFilter filter;
  private final List<ContextEntry> unsentParents = new ArrayList<>();

  public ContextWalker(Path root, ContextFilter filter) {
    this.root = root;
    this.filter = filter;
  }

  public void walk(ContextVisitor visitor) throws IOException, InterruptedException {
    walkDir(root, "", DirState.TOP, false, visitor);
  }

  private void walkDir(Path dir, String prefix, DirState state, boolean hidden, ContextVisitor visitor)
      throws IOException, InterruptedException {
    List<String> names;
    try {
      names = listNames(dir);
    } catch (AccessDeniedException e) {
      if (hidden) {
        return; // BuildKit ignores unreadable directories that are not sent anyway
      }
      throw new ContextFileException("cannot read context directory " + dir + ": permission denied", e);
    }
    for (String name : names) {
      String path = prefix.isEmpty() ? name : prefix + "/" + name;
      Path file = dir.resolve(name);
      ContextEntry entry = stat(file, path);
      boolean isDir = (entry.stat().getMode() & FileModes.S_IFMT) == FileModes.S_IFDIR;
      Decision decision = filter.decide(path, isDir, state);
      if (decision.action() == Action.SKIP_DIR) {
        continue;
      }
      boolean keep = decision.action() == Action.KEEP;
      if (keep) {
        for (ContextEntry parent : unsentParents) {
          visitor.visit(parent);
        }
        unsentParents.clear();
        visitor.visit(entry);
      }
      if (isDir) {
        int mark = unsentParents.size();
        if (!keep) {
          unsentParents.add(entry);
        }
        walkDir(file, path, decision.state(), !keep, visitor);
        while (unsentParents.size() > mark) {
          unsentParents.remove(unsentParents.size() - 1);
        }
      }
    }
  }

  private static List<String> listNames(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        names.add(p.getFileName().toString());
      }
    } catch (NoSuchFileException e) {
      throw new ContextFileException("context directory " + dir + " vanished while it was being sent", e);
    }
    names.sort(BYTE_ORDER);
    return names;
  }

  /** Reads the entry's stat without following a symlink (mode includes setuid, setgid and sticky bits). */
  static ContextEntry stat(Path file, String path) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new ContextFileException("context file " + file + " vanished while it was being sent", e);
    } catch (IOException e) {
      throw new ContextFileException("cannot stat context file " + file + ": " + e.getMessage(), e);
    }
    int mode = (Integer) a.get("mode");
    FileStat.Builder stat = FileStat.newBuilder()
        .setPath(path)
        .setMode(mode)
        .setUid((Integer) a.get("uid"))
        .setGid((Integer) a.get("gid"))
        .setMtimeNanos(((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS));
    int type = mode & FileModes.S_IFMT;
    if (type == FileModes.S_IFREG) {
      stat.setSize((Long) a.get("size"));
    } else if (type == FileModes.S_IFLNK) {
      stat.setLinkname(SymlinkTargets.read(file));
    }
    return new ContextEntry(file, stat.build());
  }
}

package dev.jbuild.daemon.session;

import dev.jbuild.proto.control.ContextPacket;
import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.FsOps;
import dev.jbuild.proto.control.FileStat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the packets of one context transfer into an empty directory, one packet at a time, as they
 * arrive (never the whole context in memory).
 *
 * <p>The client is not trusted: every path must be relative and clean, and its parent must be a directory
 * this transfer already created, so no entry (a symlink to "/" followed by "link/etc/passwd", say) can
 * reach outside the target; a name is accepted once, and files are created new (never opened through an
 * existing symlink). Directory modes and times are applied at the end, after their children.
 */
public final class ContextReceiver {
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;

  private final Path target;
  private final Set<String> dirs = new HashSet<>();
  private final Set<String> seen = new HashSet<>();
  private final List<FileStat> dirStats = new ArrayList<>();
  private FileStat current;
  private OutputStream out;
  private long remaining;
  private long files;
  private long bytes;

  public ContextReceiver(Path target) {
    this.target = target;
    dirs.add("");
  }

  public long files() {
    return files;
  }

  public long bytes() {
    return bytes;
  }

  /** Takes one packet; returns true when the transfer is complete. */
  public boolean accept(ContextPacket packet) throws IOException {
    switch (packet.getPacketCase()) {
      case STAT -> {
        finishFile();
        begin(packet.getStat());
        return false;
      }
      case DATA -> {
        if (out == null || packet.getData().size() > remaining) {
          throw new IOException("context transfer: unexpected file data"
              + (current == null ? "" : " after " + current.getPath()));
        }
        packet.getData().writeTo(out);
        remaining -= packet.getData().size();
        bytes += packet.getData().size();
        if (remaining == 0) {
          finishFile();
        }
        return false;
      }
      case DONE -> {
        finishFile();
        finishDirs();
        return true;
      }
      default -> throw new IOException("context transfer: empty packet");
    }
  }

  /** Closes what is open after a failed or cancelled transfer. */
  public void abort() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException ignored) {
      // the directory is being thrown away
    }
    out = null;
  }

  private void begin(FileStat stat) throws IOException {
    String rel = checkedPath(stat.getPath());
    Path p = target.resolve(rel);
    int type = stat.getMode() & S_IFMT;
    switch (type) {
      case S_IFDIR -> {
        Files.createDirectory(p);
        dirs.add(rel);
        dirStats.add(stat);
      }
      case S_IFREG -> {
        current = stat;
        // CREATE_NEW never follows a symlink (O_EXCL): nothing sent can be written through a link
        out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
        remaining = stat.getSize();
        files++;
        if (remaining == 0) {
          finishFile();
        }
      }
      case S_IFLNK -> {
        Files.createSymbolicLink(p, Path.of(stat.getLinkname()));
        FsOps.applyMeta(p, meta(stat, FileMeta.Type.SYMLINK));
        files++;
      }
      default -> throw new IOException("context transfer: " + stat.getPath()
          + ": only files, directories and symlinks can be sent (mode 0" + Integer.toOctalString(stat.getMode()) + ")");
    }
  }

  private String checkedPath(String rel) throws IOException {
    if (rel.isEmpty() || rel.startsWith("/") || rel.indexOf('\0') >= 0 || rel.endsWith("/")) {
      throw new IOException("context transfer: bad path " + quoted(rel));
    }
    for (String part : rel.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IOException("context transfer: bad path " + quoted(rel));
      }
    }
    int slash = rel.lastIndexOf('/');
    String parent = slash < 0 ? "" : rel.substring(0, slash);
    if (!dirs.contains(parent)) {
      throw new IOException("context transfer: " + quoted(rel) + " comes before its directory");
    }
    if (!seen.add(rel)) {
      throw new IOException("context transfer: " + quoted(rel) + " was sent twice");
    }
    return rel;
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\0", "\\0") + "\"";
  }

  private void finishFile() throws IOException {
    if (current == null) {
      return;
    }
    if (remaining != 0) {
      throw new IOException("context transfer: " + current.getPath() + " ended " + remaining + " bytes short");
    }
    out.close();
    out = null;
    FsOps.applyMeta(target.resolve(current.getPath()), meta(current, FileMeta.Type.FILE));
    current = null;
  }

  private void finishDirs() throws IOException {
    for (int i = dirStats.size() - 1; i >= 0; i--) {
      FileStat d = dirStats.get(i);
      FsOps.applyMeta(target.resolve(d.getPath()), meta(d, FileMeta.Type.DIR));
    }
  }

  /** The metadata the client sent, in the form the file-system primitives apply. */
  private static FileMeta meta(FileStat s, FileMeta.Type type) {
    Instant mtime = Instant.ofEpochSecond(0, s.getMtimeNanos());
    return new FileMeta(type, s.getMode() & 07777, s.getUid(), s.getGid(), s.getSize(), mtime,
        type == FileMeta.Type.SYMLINK ? s.getLinkname() : null, 0, 1, 0);
  }
}

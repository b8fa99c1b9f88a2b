package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Builds the trees the tests copy and diff: files with owners other than root, setuid and sticky modes,
 * nanosecond mtimes, symlinks (absolute, relative, dangling), hard links and nested directories.
 * Needs root (chown).
 */
public final class SampleTree {
  public static final Instant T1 = Instant.parse("2021-03-04T05:06:07.123456789Z");
  public static final Instant T2 = Instant.parse("2022-01-02T03:04:05.987654321Z");

  /**
   * A valid security.capability value (VFS_CAP_REVISION_2, effective, cap_net_raw permitted, one byte
   * 0xff of inheritable): binary, not UTF-8; the kernel refuses malformed ones.
   */
  public static final byte[] CAP_NET_RAW = {1, 0, 0, 2, 0, 0x20, 0, 0, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

  private SampleTree() {}

  public static void create(Path root) throws IOException {
    Files.createDirectories(root);
    file(root.resolve("hello.txt"), "hello", 0644, 0, 0, T1);
    Files.createDirectories(root.resolve("usr/bin"));
    file(root.resolve("usr/bin/tool"), "#!/bin/sh\necho tool\n", 04755, 0, 0, T1);
    Files.createDirectories(root.resolve("home/app"));
    file(root.resolve("home/app/data"), "owned by 1000", 0640, 1000, 1000, T2);
    Files.createLink(root.resolve("home/app/data-link"), root.resolve("home/app/data"));
    symlink(root.resolve("home/app/abs"), "/usr/bin/tool", T1);
    symlink(root.resolve("home/app/rel"), "../../hello.txt", T1);
    symlink(root.resolve("dangling"), "/does/not/exist", T2);
    Files.createDirectories(root.resolve("tmp"));
    meta(root.resolve("tmp"), 01777, 0, 0, T2);
    meta(root.resolve("home/app"), 02750, 1000, 1000, T2);
    meta(root.resolve("home"), 0755, 0, 0, T1);
    meta(root.resolve("usr/bin"), 0755, 0, 0, T1);
    meta(root.resolve("usr"), 0755, 0, 0, T1);
  }

  public static void file(Path p, String content, int mode, int uid, int gid, Instant mtime) throws IOException {
    Files.writeString(p, content);
    meta(p, mode, uid, gid, mtime);
  }

  public static void symlink(Path p, String target, Instant mtime) throws IOException {
    Files.createSymbolicLink(p, Path.of(target));
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(mtime), null, null);
  }

  /** Sets owner, mode and mtime (in that order: chown clears setuid). */
  public static void meta(Path p, int mode, int uid, int gid, Instant mtime) throws IOException {
    Files.setAttribute(p, "unix:uid", uid);
    Files.setAttribute(p, "unix:gid", gid);
    Files.setAttribute(p, "unix:mode", mode);
    Files.setLastModifiedTime(p, FileTime.from(mtime));
  }
}

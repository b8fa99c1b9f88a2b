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

  /** A name longer than ustar's 100 bytes (PAX path), and one that is not ASCII. */
  public static final String LONG_NAME = "d".repeat(60) + "/" + "f".repeat(60);
  public static final String UTF8_NAME = "caf\u00e9-\u65e5\u672c";
  public static final int HIGH_UID = 3_000_000;

  /**
   * {@link #create} plus every other kind of entry a layer can hold: character and block devices, a fifo,
   * extended attributes (binary security.capability on the setuid tool, user.* on a file, trusted.* on a
   * directory and on a symlink), an owner beyond ustar's octal field, a long and a non-ASCII name.
   */
  public static void createEveryKind(Path root) throws IOException {
    create(root);
    Files.createDirectories(root.resolve("dev"));
    FsOps.mknod(root.resolve("dev/null"), FileMeta.Type.CHAR, 1, 3);
    meta(root.resolve("dev/null"), 0666, 0, 0, T1);
    FsOps.mknod(root.resolve("dev/vdz"), FileMeta.Type.BLOCK, 259, 70000);
    meta(root.resolve("dev/vdz"), 0660, 0, 6, T1);
    FsOps.mknod(root.resolve("dev/pipe"), FileMeta.Type.FIFO, 0, 0);
    meta(root.resolve("dev/pipe"), 0620, 1000, 1000, T2);
    meta(root.resolve("dev"), 0755, 0, 0, T1);
    LinuxCalls.setXattr(root.resolve("usr/bin/tool"), "security.capability", CAP_NET_RAW);
    LinuxCalls.setXattr(root.resolve("hello.txt"), "user.comment", "d\u00e9j\u00e0 vu".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    LinuxCalls.setXattr(root.resolve("tmp"), "trusted.binary", new byte[] {0, (byte) 0xff, (byte) 0xc3, 0x28, '\n', '='});
    LinuxCalls.setXattr(root.resolve("home/app/abs"), "trusted.on-symlink", new byte[] {1});
    Path longName = root.resolve(LONG_NAME);
    Files.createDirectories(longName.getParent());
    file(longName, "long", 0600, HIGH_UID, HIGH_UID + 1, T2);
    meta(longName.getParent(), 0700, HIGH_UID, HIGH_UID, T2);
    file(root.resolve(UTF8_NAME), "utf8", 0644, 0, 0, T1);
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

  /** Sets owner, mode and mtime (in that order: chown clears setuid), never opening the entry (fifos block). */
  public static void meta(Path p, int mode, int uid, int gid, Instant mtime) throws IOException {
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    LinuxCalls.chmod(p, mode);
    LinuxCalls.setMtime(p, mtime);
  }
}

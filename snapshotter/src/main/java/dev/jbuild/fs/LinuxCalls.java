package dev.jbuild.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Linux system calls Java 17 lacks, in one place (JNA over glibc): extended attributes on the entry
 * itself ({@code lgetxattr}, {@code lsetxattr}, {@code llistxattr}, {@code lremovexattr}: symlinks are never
 * followed), {@code mknod} for devices and fifos, {@code mount} / {@code umount2}, {@code syncfs}, and
 * {@code chmod} / {@code utimensat} by path (NIO opens the file to change its mode or times: that blocks on a fifo).
 *
 * <p>Every call throws an IOException naming the call, the path and the errno text, so callers need no
 * errno handling of their own. Values are raw bytes: an xattr such as {@code security.capability} is
 * binary and must never pass through a String.
 */
public final class LinuxCalls {
  /** {@code mount(2)} flag: read-only. */
  public static final long MS_RDONLY = 1;
  /** {@code umount2(2)} flag: detach now, finish when the last user is gone. */
  public static final int MNT_DETACH = 2;
  /** Mount data (the options string) is copied by the kernel into one page, NUL included. */
  public static final int MAX_MOUNT_DATA = 4095;

  private static final int ENODATA = 61;
  private static final int ERANGE = 34;
  private static final int ENOTSUP = 95;

  private interface LibC extends Library {
    long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

    int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

    long llistxattr(String path, byte[] list, long size) throws LastErrorException;

    int lremovexattr(String path, String name) throws LastErrorException;

    int mknod(String path, int mode, long dev) throws LastErrorException;

    int mount(String source, String target, String fstype, long flags, String data) throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    int chmod(String path, int mode) throws LastErrorException;

    int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int syncfs(int fd) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 02000000;

  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final long UTIME_OMIT = (1L << 30) - 2;

  private static final LibC LIBC = Native.load("c", LibC.class,
      Map.of(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name()));

  private LinuxCalls() {}

  /**
   * Loads libc now rather than at the first call. JNA's first load runs {@code ldconfig -p} and swallows
   * an interrupt of the loading thread: code whose work is cancelled by interrupts (the executor) calls
   * this up front, so that a cancel is never lost.
   */
  public static void load() {
    // the class initializer did the work
  }

  /** The names of {@code path}'s extended attributes, in every namespace the caller may read. */
  public static List<String> listXattrs(Path path) throws IOException {
    String p = path.toString();
    for (int attempt = 0; ; attempt++) {
      try {
        long size = LIBC.llistxattr(p, null, 0);
        if (size == 0) {
          return List.of();
        }
        byte[] buf = new byte[(int) size];
        long got = LIBC.llistxattr(p, buf, buf.length);
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < got; i++) {
          if (buf[i] == 0) {
            names.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
            start = i + 1;
          }
        }
        return names;
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ENOTSUP) {
          return List.of(); // a file system without xattrs: there are none
        }
        if (e.getErrorCode() != ERANGE || attempt > 3) { // ERANGE: the list grew between the two calls
          throw failure("llistxattr", path, e);
        }
      }
    }
  }

  /** The raw value of one attribute, or null when {@code path} does not have it. */
  public static byte[] getXattr(Path path, String name) throws IOException {
    String p = path.toString();
    for (int attempt = 0; ; attempt++) {
      try {
        long size = LIBC.lgetxattr(p, name, null, 0);
        byte[] buf = new byte[(int) size];
        long got = size == 0 ? 0 : LIBC.lgetxattr(p, name, buf, buf.length);
        return got == buf.length ? buf : java.util.Arrays.copyOf(buf, (int) got);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == ENODATA) {
          return null;
        }
        if (e.getErrorCode() != ERANGE || attempt > 3) {
          throw failure("lgetxattr " + name, path, e);
        }
      }
    }
  }

  /** Creates or replaces one attribute with exactly {@code value}. */
  public static void setXattr(Path path, String name, byte[] value) throws IOException {
    try {
      LIBC.lsetxattr(path.toString(), name, value, value.length, 0);
    } catch (LastErrorException e) {
      throw failure("lsetxattr " + name, path, e);
    }
  }

  public static void removeXattr(Path path, String name) throws IOException {
    try {
      LIBC.lremovexattr(path.toString(), name);
    } catch (LastErrorException e) {
      throw failure("lremovexattr " + name, path, e);
    }
  }

  /**
   * Creates a device node or fifo. {@code typeBits} is S_IFCHR, S_IFBLK or S_IFIFO ({@link FileMeta#typeBits});
   * the umask applies to {@code perm}: callers set the mode afterwards.
   */
  public static void mknod(Path path, int typeBits, int perm, long major, long minor) throws IOException {
    try {
      LIBC.mknod(path.toString(), typeBits | (perm & 07777), makedev(major, minor));
    } catch (LastErrorException e) {
      throw failure("mknod", path, e);
    }
  }

  /** {@code mount -t fstype -o data source target} with {@code flags} (e.g. {@link #MS_RDONLY}). */
  public static void mount(String source, Path target, String fstype, long flags, String data) throws IOException {
    if (data != null && data.getBytes(StandardCharsets.UTF_8).length > MAX_MOUNT_DATA) {
      throw new IOException("cannot mount " + fstype + " on " + target + ": its options are "
          + data.length() + " bytes, more than the kernel's one page (" + MAX_MOUNT_DATA + ")");
    }
    try {
      LIBC.mount(source, target.toString(), fstype, flags, data);
    } catch (LastErrorException e) {
      throw failure("mount -t " + fstype + " -o " + data, target, e);
    }
  }

  public static void unmount(Path target, int flags) throws IOException {
    try {
      LIBC.umount2(target.toString(), flags);
    } catch (LastErrorException e) {
      throw failure("umount2", target, e);
    }
  }

  /**
   * chmod(2) by path: unlike NIO's, it never opens the file, which would block on a fifo or open a device.
   * Follows a final symlink: never call it on one.
   */
  public static void chmod(Path path, int mode) throws IOException {
    try {
      LIBC.chmod(path.toString(), mode & 07777);
    } catch (LastErrorException e) {
      throw failure("chmod " + Integer.toOctalString(mode), path, e);
    }
  }

  /** Sets the mtime (nanoseconds kept) of the entry itself, symlinks included; the atime is left alone. */
  public static void setMtime(Path path, java.time.Instant mtime) throws IOException {
    long[] times = {0, UTIME_OMIT, mtime.getEpochSecond(), mtime.getNano()};
    try {
      LIBC.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw failure("utimensat", path, e);
    }
  }

  /** syncfs(2): writes every dirty file, directory and journal entry of the file system holding {@code path}. */
  public static void syncFilesystem(Path path) throws IOException {
    int fd;
    try {
      fd = LIBC.open(path.toString(), O_RDONLY | O_CLOEXEC);
    } catch (LastErrorException e) {
      throw failure("open", path, e);
    }
    try {
      LIBC.syncfs(fd);
    } catch (LastErrorException e) {
      throw failure("syncfs", path, e);
    } finally {
      LIBC.close(fd);
    }
  }

  /** glibc's {@code makedev}: the 64-bit {@code dev_t} of a major and minor number. */
  public static long makedev(long major, long minor) {
    return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
        | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
  }

  public static long major(long dev) {
    return ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL);
  }

  public static long minor(long dev) {
    return ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL);
  }

  private static IOException failure(String call, Path path, LastErrorException e) {
    return new IOException(call + " " + path + ": " + strerror(e), e);
  }

  private static String strerror(LastErrorException e) {
    String m = e.getMessage();
    return m != null && m.startsWith("[") ? m.substring(m.indexOf(']') + 1).trim() + " (errno " + e.getErrorCode() + ")" : m;
  }
}

package dev.jbuild.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * All extended attributes of one entry (never following symlinks), as raw bytes sorted by name: what a
 * copy keeps and a layer carries (security.capability, trusted.*, user.*, ACLs as system.posix_acl_*).
 */
public final class Xattrs {
  private Xattrs() {}

  /** Name to raw value; empty when the entry has none (or the file system has no xattrs). */
  public static SortedMap<String, byte[]> read(Path path) throws IOException {
    SortedMap<String, byte[]> out = new TreeMap<>();
    for (String name : LinuxCalls.listXattrs(path)) {
      byte[] value = LinuxCalls.getXattr(path, name);
      if (value != null) {
        out.put(name, value);
      }
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * Sets every attribute of {@code xattrs} on {@code path}. Call it after chown: the kernel drops
   * security.capability when a file changes owner.
   */
  public static void write(Path path, Map<String, byte[]> xattrs) throws IOException {
    for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
      LinuxCalls.setXattr(path, e.getKey(), e.getValue());
    }
  }

  /** Copies {@code src}'s attributes onto {@code dst}. */
  public static void copy(Path src, Path dst) throws IOException {
    write(dst, read(src));
  }

  /** Same names with byte-identical values. */
  public static boolean equal(Map<String, byte[]> a, Map<String, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : a.entrySet()) {
      if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}

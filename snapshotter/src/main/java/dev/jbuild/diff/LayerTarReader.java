package dev.jbuild.diff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Reads a layer tar entry by entry, keeping PAX values as raw bytes (commons-compress decodes them as
 * UTF-8, which turns a binary {@code SCHILY.xattr.security.capability} into U+FFFD). commons-compress still
 * parses each 512-byte ustar header; PAX ('x') and GNU long-name ('L', 'K') headers are parsed here and
 * applied to the entry they precede; global PAX headers are ignored, as containerd does.
 *
 * <p>Defensive: header checksums are verified, every header and name is bounded by {@link ApplyLimits},
 * a NUL byte in a name is refused, a short read anywhere is "truncated", and the whole stream is bounded
 * (a gzip bomb stops at the limit). Errors name the entry when there is one.
 */
final class LayerTarReader {
  private static final int BLOCK = 512;
  private static final String XATTR_PREFIX = "SCHILY.xattr.";

  /**
   * One entry: the ustar header with PAX/GNU overrides applied, its name exactly as the layer has it (the
   * header's own is normalized by commons-compress: a leading "/" is dropped), and its xattrs (raw bytes).
   */
  record Entry(TarArchiveEntry header, String name, SortedMap<String, byte[]> xattrs) {}

  private final InputStream in;
  private final ApplyLimits limits;
  private long total;
  private long remaining;
  private long padding;

  LayerTarReader(InputStream in, ApplyLimits limits) {
    this.in = in;
    this.limits = limits;
  }

  /** The next entry, or null at the end of the archive. Unread content of the previous one is skipped. */
  Entry next() throws IOException {
    skip(remaining + padding);
    remaining = 0;
    padding = 0;
    TreeMap<String, byte[]> pax = new TreeMap<>();
    String longName = null;
    String longLink = null;
    while (true) {
      byte[] block = readFully(BLOCK, "a header");
      if (block == null || isZero(block)) {
        return null;
      }
      if (!checksumOk(block)) {
        throw new IOException("bad tar header checksum after " + (total - BLOCK) + " bytes: not a tar, or corrupted");
      }
      TarArchiveEntry h;
      try {
        h = new TarArchiveEntry(block, ZipEncodingHelper.getZipEncoding("UTF-8"));
      } catch (IllegalArgumentException e) {
        throw new IOException("malformed tar header after " + (total - BLOCK) + " bytes: " + e.getMessage(), e);
      }
      byte type = h.getLinkFlag();
      if (type == TarConstants.LF_PAX_EXTENDED_HEADER_LC || type == TarConstants.LF_PAX_EXTENDED_HEADER_UC) {
        parsePax(readHeaderBody(h), pax);
      } else if (type == TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER) {
        readHeaderBody(h);
      } else if (type == TarConstants.LF_GNUTYPE_LONGNAME) {
        longName = cString(readHeaderBody(h));
      } else if (type == TarConstants.LF_GNUTYPE_LONGLINK) {
        longLink = cString(readHeaderBody(h));
      } else {
        return finish(h, rawName(block), pax, longName, longLink);
      }
    }
  }

  /** commons-compress throws on a checksum field that is not octal: that is a bad header too. */
  private static boolean checksumOk(byte[] block) {
    try {
      return TarUtils.verifyCheckSum(block);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Entry finish(TarArchiveEntry h, String rawName, TreeMap<String, byte[]> pax, String longName,
      String longLink) throws IOException {
    String name = longName != null ? longName : rawName;
    String link = longLink != null ? longLink : h.getLinkName();
    TreeMap<String, byte[]> xattrs = new TreeMap<>();
    for (var p : pax.entrySet()) {
      String key = p.getKey();
      String value = new String(p.getValue(), StandardCharsets.UTF_8);
      switch (key) {
        case "path" -> name = checkedName(p.getValue(), name);
        case "linkpath" -> link = checkedName(p.getValue(), name);
        case "size" -> h.setSize(number(key, value, name));
        case "uid" -> h.setUserId(number(key, value, name));
        case "gid" -> h.setGroupId(number(key, value, name));
        case "mtime" -> h.setModTime(1000 * number(key, value.contains(".") ? value.substring(0, value.indexOf('.')) : value, name));
        default -> {
          if (key.startsWith(XATTR_PREFIX)) {
            xattrs.put(key.substring(XATTR_PREFIX.length()), p.getValue());
          } else if (key.startsWith("GNU.sparse.")) {
            throw new IOException("layer entry " + name + " is a sparse file; sparse tar entries are not supported");
          }
        }
      }
    }
    checkedName(name.getBytes(StandardCharsets.UTF_8), name);
    h.setName(name);
    if (link != null && !link.isEmpty()) {
      h.setLinkName(link);
    }
    if (h.getSize() < 0) {
      throw new IOException("layer entry " + name + " has a negative size");
    }
    boolean hasData = !isHeaderOnly(h.getLinkFlag());
    remaining = hasData ? h.getSize() : 0;
    padding = hasData && h.getSize() % BLOCK != 0 ? BLOCK - h.getSize() % BLOCK : 0;
    return new Entry(h, name, Collections.unmodifiableSortedMap(xattrs));
  }

  /** The current entry's content: exactly its size, or an IOException when the tar ends early. */
  InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new IOException("truncated tar: it ends inside an entry's content (" + remaining + " bytes missing)");
        }
        count(n);
        remaining -= n;
        return n;
      }
    };
  }

  /**
   * The name exactly as the header has it (ustar prefix joined): commons-compress strips a leading "/",
   * which would hide an absolute name from the checks that refuse it.
   */
  private static String rawName(byte[] block) {
    String name = cString(Arrays.copyOfRange(block, 0, TarConstants.NAMELEN));
    String magic = new String(block, TarConstants.MAGIC_OFFSET, 6, StandardCharsets.US_ASCII);
    if (magic.equals("ustar\0")) { // POSIX ustar has a prefix field; GNU's "ustar  " keeps other things there
      String prefix = cString(Arrays.copyOfRange(block, 345, 345 + TarConstants.PREFIXLEN));
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  /** Types whose size field says nothing about data following (Go's isHeaderOnlyType). */
  private static boolean isHeaderOnly(byte type) {
    return type == TarConstants.LF_LINK || type == TarConstants.LF_SYMLINK || type == TarConstants.LF_CHR
        || type == TarConstants.LF_BLK || type == TarConstants.LF_DIR || type == TarConstants.LF_FIFO;
  }

  private byte[] readHeaderBody(TarArchiveEntry h) throws IOException {
    long size = h.getSize();
    if (size < 0 || size > limits.maxHeaderBytes()) {
      throw new IOException("a PAX or long-name header of " + size + " bytes exceeds the limit of "
          + limits.maxHeaderBytes() + " bytes");
    }
    byte[] body = readFully((int) size, "a PAX or long-name header");
    if (body == null) {
      throw new IOException("truncated tar: it ends inside a PAX or long-name header");
    }
    skip(size % BLOCK == 0 ? 0 : BLOCK - size % BLOCK);
    return body;
  }

  /** "%d key=value\n" records; the length counts the whole record. */
  private static void parsePax(byte[] body, TreeMap<String, byte[]> out) throws IOException {
    int pos = 0;
    while (pos < body.length) {
      if (body[pos] == 0) {
        break; // some writers pad with NULs
      }
      int space = indexOf(body, (byte) ' ', pos);
      long length;
      try {
        length = space < 0 ? -1 : Long.parseLong(new String(body, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length <= space - pos + 1 || pos + length > body.length || body[(int) (pos + length - 1)] != '\n') {
        throw new IOException("malformed PAX header: a record's length does not match its bytes");
      }
      int end = (int) (pos + length - 1);
      int eq = indexOf(body, (byte) '=', space + 1);
      if (eq < 0 || eq > end) {
        throw new IOException("malformed PAX header: a record has no '='");
      }
      out.put(new String(body, space + 1, eq - space - 1, StandardCharsets.UTF_8), Arrays.copyOfRange(body, eq + 1, end));
      pos = end + 1;
    }
  }

  private String checkedName(byte[] raw, String entry) throws IOException {
    for (byte b : raw) {
      if (b == 0) {
        throw new IOException("layer entry " + printable(raw) + " has a NUL byte in its name");
      }
    }
    if (raw.length > limits.maxNameBytes()) {
      throw new IOException("layer entry " + printable(Arrays.copyOf(raw, 64)) + "... has a name of " + raw.length
          + " bytes, longer than the limit of " + limits.maxNameBytes());
    }
    return new String(raw, StandardCharsets.UTF_8);
  }

  private static String printable(byte[] raw) {
    return new String(raw, StandardCharsets.UTF_8).replace("\0", "\\0");
  }

  private static long number(String key, String value, String entry) throws IOException {
    try {
      long v = Long.parseLong(value.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IOException("layer entry " + entry + ": PAX " + key + " '" + value + "' is not a non-negative number");
    }
  }

  private static String cString(byte[] b) {
    int n = indexOf(b, (byte) 0, 0);
    return new String(b, 0, n < 0 ? b.length : n, StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] b, byte c, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Exactly n bytes; null on a clean end before the first byte; "truncated" when it ends part way. */
  private byte[] readFully(int n, String what) throws IOException {
    byte[] b = new byte[n];
    int got = 0;
    while (got < n) {
      int r = in.read(b, got, n - got);
      if (r < 0) {
        if (got == 0 && what.equals("a header")) {
          return null;
        }
        throw new IOException("truncated tar: it ends inside " + what);
      }
      got += r;
      count(r);
    }
    return b;
  }

  private void skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new IOException("truncated tar: it ends inside an entry's content");
      }
      count(r);
      n -= r;
    }
  }

  private void count(long n) throws IOException {
    total += n;
    if (total > limits.maxUncompressedBytes()) {
      throw new IOException("layer expands to more than " + limits.maxUncompressedBytes()
          + " bytes of tar (the configured limit): a gzip bomb, or raise the limit");
    }
  }
}

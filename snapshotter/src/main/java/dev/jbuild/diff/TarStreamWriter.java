package dev.jbuild.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Writes tar entries with PAX extended headers whose values are raw bytes. commons-compress formats each
 * ustar header ({@link TarArchiveEntry#writeEntryHeader}); the PAX record is ours, because commons-compress
 * re-encodes PAX values as UTF-8 and a binary xattr ({@code SCHILY.xattr.security.capability}) must reach Go
 * and GNU tar readers byte for byte.
 *
 * <p>One PAX header per entry, holding everything the ustar header cannot: {@code path} / {@code linkpath}
 * longer than 100 bytes or not ASCII, {@code uid} / {@code gid} / {@code size} beyond the octal fields,
 * and every xattr. 512-byte records, no padding beyond the two zero blocks that end the archive.
 */
final class TarStreamWriter {
  private static final int BLOCK = 512;
  private static final long MAX_OCTAL_ID = 07777777L;
  private static final long MAX_OCTAL_SIZE = 077777777777L;
  private static final String XATTR_PREFIX = "SCHILY.xattr.";
  private static final ZipEncoding UTF8 = ZipEncodingHelper.getZipEncoding("UTF-8");

  private final OutputStream out;

  TarStreamWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes {@code e}'s headers; content (if {@code e.getSize() > 0}) follows with {@link #content}. */
  void putEntry(TarArchiveEntry e, Map<String, byte[]> xattrs) throws IOException {
    SortedMap<String, byte[]> pax = new TreeMap<>();
    if (needsPax(e.getName(), TarConstants.NAMELEN)) {
      pax.put("path", utf8(e.getName()));
    }
    if (needsPax(e.getLinkName(), TarConstants.NAMELEN)) {
      pax.put("linkpath", utf8(e.getLinkName()));
    }
    if (e.getLongUserId() > MAX_OCTAL_ID) {
      pax.put("uid", utf8(Long.toString(e.getLongUserId())));
    }
    if (e.getLongGroupId() > MAX_OCTAL_ID) {
      pax.put("gid", utf8(Long.toString(e.getLongGroupId())));
    }
    if (e.getSize() > MAX_OCTAL_SIZE) {
      pax.put("size", utf8(Long.toString(e.getSize())));
    }
    for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
      pax.put(XATTR_PREFIX + x.getKey(), x.getValue());
    }
    if (!pax.isEmpty()) {
      byte[] records = paxRecords(pax);
      TarArchiveEntry header = new TarArchiveEntry("././@PaxHeader", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
      header.setSize(records.length);
      header.setNames("", "");
      header.setModTime(0);
      writeHeader(header);
      out.write(records);
      pad(records.length);
    }
    writeHeader(e);
  }

  /** Copies exactly {@code size} bytes of content and pads the record; fails if {@code in} has another size. */
  void content(InputStream in, long size, String name) throws IOException {
    long copied = in.transferTo(out);
    if (copied != size) {
      throw new IOException(name + " changed size while it was being written to the layer ("
          + size + " -> " + copied + " bytes); is something still writing to the snapshot?");
    }
    pad(size);
  }

  /** The end-of-archive marker: two zero blocks. */
  void finish() throws IOException {
    out.write(new byte[2 * BLOCK]);
    out.flush();
  }

  private void writeHeader(TarArchiveEntry e) throws IOException {
    byte[] block = new byte[BLOCK];
    e.writeEntryHeader(block, UTF8, true); // star mode: base-256 numbers where octal overflows (PAX says the truth)
    out.write(block);
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      out.write(new byte[BLOCK - rest]);
    }
  }

  private static boolean needsPax(String s, int fieldLength) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    byte[] b = utf8(s);
    if (b.length > fieldLength) {
      return true;
    }
    for (byte c : b) {
      if (c < 0x20 || c > 0x7e) {
        return true; // not printable ASCII: readers disagree on ustar's encoding, PAX says UTF-8
      }
    }
    return false;
  }

  /** "%d %s=%s\n" records, the length counting itself; values are written as raw bytes. */
  static byte[] paxRecords(SortedMap<String, byte[]> pax) {
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> r : pax.entrySet()) {
      byte[] key = utf8(r.getKey());
      int rest = 1 + key.length + 1 + r.getValue().length + 1;
      int length = rest + 1;
      while (length != rest + Integer.toString(length).length()) {
        length = rest + Integer.toString(length).length();
      }
      records.writeBytes(utf8(length + " "));
      records.writeBytes(key);
      records.write('=');
      records.writeBytes(r.getValue());
      records.write('\n');
    }
    return records.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

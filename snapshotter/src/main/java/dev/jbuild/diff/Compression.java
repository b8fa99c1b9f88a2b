package dev.jbuild.diff;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * The compression of a stream, told by its first bytes as BuildKit's archiveutil.DecompressStream does (never by
 * a file name or a media type): gzip (1f 8b 08), bzip2 ("BZh"), xz (fd '7zXZ' 00), zstd (a frame, 28 b5 2f fd,
 * or a skippable frame, 0x184D2A5? little-endian); anything else is read as it is.
 */
public enum Compression {
  NONE, GZIP, BZIP2, XZ, ZSTD;

  /** Enough bytes to tell every format apart. */
  static final int MAGIC_BYTES = 8;

  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};
  private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};
  private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00};
  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

  /** The compression whose magic {@code head} starts with (a short head is fine). */
  public static Compression of(byte[] head) {
    if (startsWith(head, GZIP_MAGIC)) {
      return GZIP;
    }
    if (startsWith(head, BZIP2_MAGIC)) {
      return BZIP2;
    }
    if (startsWith(head, XZ_MAGIC)) {
      return XZ;
    }
    if (startsWith(head, ZSTD_MAGIC) || isZstdSkippableFrame(head)) {
      return ZSTD;
    }
    return NONE;
  }

  /** Peeks at {@code in}'s first bytes (it must support mark/reset) without consuming them. */
  public static Compression sniff(BufferedInputStream in) throws IOException {
    in.mark(MAGIC_BYTES);
    byte[] head = in.readNBytes(MAGIC_BYTES);
    in.reset();
    return of(head);
  }

  /**
   * {@code in} decompressed according to its magic bytes; concatenated gzip and bzip2 members are read as one
   * stream, as Go's readers do.
   */
  public static InputStream decompressed(BufferedInputStream in) throws IOException {
    return switch (sniff(in)) {
      case GZIP -> new GzipCompressorInputStream(in, true);
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
      case XZ -> new XZCompressorInputStream(in, true);
      case ZSTD -> new ZstdCompressorInputStream(in);
      case NONE -> in;
    };
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
  }

  /** RFC 8878 3.1.2: magic 0x184D2A50..0x184D2A5F, little-endian, followed by a 4-byte frame size. */
  private static boolean isZstdSkippableFrame(byte[] head) {
    return head.length >= 8 && (head[0] & 0xf0) == 0x50 && head[1] == 0x2a && head[2] == 0x4d && head[3] == 0x18;
  }
}

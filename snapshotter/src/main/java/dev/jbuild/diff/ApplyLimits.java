package dev.jbuild.diff;

/**
 * Bounds on what applying one layer may cost, so that a hostile layer (a gzip bomb, a PAX header of a
 * gigabyte, a name of a megabyte) fails with a clear error instead of filling the disk or the heap.
 *
 * @param maxUncompressedBytes bytes of tar (after decompression) one layer may hold
 * @param maxNameBytes longest entry or link name, in UTF-8 bytes (Linux's PATH_MAX is 4096, NUL included)
 * @param maxHeaderBytes largest PAX or GNU long-name header
 */
public record ApplyLimits(long maxUncompressedBytes, int maxNameBytes, int maxHeaderBytes) {
  /** 64 GiB of tar, 4095-byte names, 1 MiB headers. */
  public static final ApplyLimits DEFAULT = new ApplyLimits(64L << 30, 4095, 1 << 20);

  public ApplyLimits {
    if (maxUncompressedBytes <= 0 || maxNameBytes <= 0 || maxHeaderBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public ApplyLimits withMaxUncompressedBytes(long bytes) {
    return new ApplyLimits(bytes, maxNameBytes, maxHeaderBytes);
  }
}

package dev.jbuild.content;

import java.util.Objects;

/** An OCI descriptor: what a blob is (media type), which (digest) and how big (size in bytes). */
public record Descriptor(String mediaType, Digest digest, long size) {
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
  }
}

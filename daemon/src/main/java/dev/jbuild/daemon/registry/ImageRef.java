package dev.jbuild.daemon.registry;

import dev.jbuild.content.Digest;
import dev.jbuild.daemon.images.ImageName;
import java.util.Optional;

/**
 * An image reference as FROM takes it: a normalised name ({@code busybox} is
 * {@code docker.io/library/busybox:latest}) and, when written {@code name@sha256:...}, the manifest digest it
 * is pinned to. A pinned reference is fetched by its digest and the bytes the registry sends are checked
 * against it; the tag is then only for people.
 */
public record ImageRef(ImageName name, Optional<Digest> digest) {

  /** @throws IllegalArgumentException with a message naming the reference and what is wrong */
  public static ImageRef parse(String ref) {
    int at = ref.indexOf('@');
    if (at < 0) {
      return new ImageRef(ImageName.parse(ref), Optional.empty());
    }
    Digest digest;
    try {
      digest = Digest.parse(ref.substring(at + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid reference \"" + ref + "\": " + e.getMessage());
    }
    return new ImageRef(ImageName.parse(ref.substring(0, at)), Optional.of(digest));
  }

  /** This name pinned to {@code manifest}. */
  public ImageRef pinned(Digest manifest) {
    return new ImageRef(name, Optional.of(manifest));
  }

  /** What the registry API takes after /manifests/: the digest when pinned, else the tag. */
  public String reference() {
    return digest.map(Digest::toString).orElse(name.tag());
  }

  public String registry() {
    return name.registry();
  }

  public String repository() {
    return name.repository();
  }

  /** The full form, e.g. docker.io/library/busybox:latest@sha256:... */
  @Override
  public String toString() {
    return name + digest.map(d -> "@" + d).orElse("");
  }
}

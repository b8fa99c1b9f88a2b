package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.image.ImageConfig;

/**
 * How the conversion learns about a base image (FROM or COPY --from naming an image). The frontend binds it to
 * its ImageMetaResolver; this package stays free of the frontend's API types.
 */
@FunctionalInterface
public interface BaseImages {
  /** The image's pinned reference and config; the exception's message is shown after "FROM ref: ". */
  BaseImage resolve(String ref) throws BaseImageException;

  /** A resolved base image; {@code resolved} is false for one only named in a graph for display. */
  record BaseImage(String ref, ImageConfig config, boolean resolved) {
    public BaseImage(String ref, ImageConfig config) {
      this(ref, config, true);
    }

    /** An image whose config is unknown: drawn by its name, with an empty config. */
    static BaseImage unresolved(String ref) {
      return new BaseImage(ref, ImageConfig.scratch(), false);
    }

    /** An image without layers is an empty tree, as BuildKit treats it (FROM an empty image = scratch). */
    boolean isEmpty() {
      return resolved && config.rootfs().diffIds().isEmpty()
          && config.history().stream().allMatch(h -> h.emptyLayer());
    }
  }

  final class BaseImageException extends Exception {
    public BaseImageException(String message) {
      super(message);
    }
  }
}

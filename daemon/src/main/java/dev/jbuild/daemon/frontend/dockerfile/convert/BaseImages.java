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

  /** A resolved base image. */
  record BaseImage(String ref, ImageConfig config) {
    /** An image without layers is an empty tree, as BuildKit treats it (FROM an empty image = scratch). */
    boolean isEmpty() {
      return config.rootfs().diffIds().isEmpty() && config.history().stream().allMatch(h -> h.emptyLayer());
    }
  }

  final class BaseImageException extends Exception {
    public BaseImageException(String message) {
      super(message);
    }
  }
}

package dev.jbuild.daemon.registry;

import dev.jbuild.content.ContentStore;
import dev.jbuild.daemon.frontend.ImageMetaResolver;
import dev.jbuild.daemon.frontend.ImageResolveException;
import dev.jbuild.daemon.frontend.ResolveMode;
import dev.jbuild.daemon.frontend.ResolvedImage;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.image.Json;
import dev.jbuild.daemon.images.ImageStore;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Base images as docker finds them: a tag in the daemon's local image store (an image built with -t) is
 * used as it is, without contacting any registry; other references, and every reference under
 * {@link ResolveMode#FORCE_PULL} (build --pull), go to {@code registry}. A local image is pinned to its
 * manifest digest; its manifest, config and layers are in the content store, so the build's pull step finds
 * everything there. An image of another platform is not used (docker warns and uses it; BuildKit does not).
 */
public final class LocalFirstImageMetaResolver implements ImageMetaResolver {
  private final ImageStore images;
  private final ContentStore store;
  private final ImageMetaResolver registry;

  public LocalFirstImageMetaResolver(ImageStore images, ContentStore store, ImageMetaResolver registry) {
    this.images = images;
    this.store = store;
    this.registry = registry;
  }

  @Override
  public ResolvedImage resolve(String ref, Platform platform, ResolveMode mode, RegistryCredentials credentials)
      throws ImageResolveException {
    if (mode == ResolveMode.LOCAL_FIRST) {
      Optional<ResolvedImage> local = local(ref, platform);
      if (local.isPresent()) {
        return local.get();
      }
    }
    return registry.resolve(ref, platform, mode, credentials);
  }

  private Optional<ResolvedImage> local(String ref, Platform platform) throws ImageResolveException {
    ImageRef image;
    try {
      image = ImageRef.parse(ref);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the registry resolver names what is wrong with it
    }
    if (image.digest().isPresent()) {
      return Optional.empty(); // a digest is content: the registry resolver reads it from the store first
    }
    try {
      Optional<ImageStore.Image> tagged = images.get(image.name());
      if (tagged.isEmpty()) {
        return Optional.empty();
      }
      ImageConfig config;
      try (InputStream in = store.open(tagged.get().config())) {
        config = Json.read(in.readAllBytes(), ImageConfig.class);
      }
      if (!PlatformMatch.osAndArchitecture(platform, config.os(), config.architecture())
          || !PlatformMatch.variant(platform, config.variant())) {
        return Optional.empty();
      }
      ImageRef pinned = image.pinned(tagged.get().manifest());
      return Optional.of(new ResolvedImage(pinned.toString(), tagged.get().manifest().toString(), config));
    } catch (IOException e) {
      throw new ImageResolveException("reading " + image.name() + " from the local image store: "
          + e.getMessage(), e);
    }
  }
}

package dev.jbuild.daemon.registry;

import dev.jbuild.daemon.frontend.ImageMetaResolver;
import dev.jbuild.daemon.frontend.ImageResolveException;
import dev.jbuild.daemon.frontend.ResolvedImage;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.Platform;

/**
 * The frontend's base images, straight from their registry (the local image store is not consulted yet):
 * the reference comes back pinned to the digest the tag named, so the build's pull gets the same image.
 */
public final class RegistryImageMetaResolver implements ImageMetaResolver {
  private final Registry registry;

  public RegistryImageMetaResolver(Registry registry) {
    this.registry = registry;
  }

  @Override
  public ResolvedImage resolve(String ref, Platform platform, RegistryCredentials credentials)
      throws ImageResolveException {
    ImageRef image;
    try {
      image = ImageRef.parse(ref);
    } catch (IllegalArgumentException e) {
      throw new ImageResolveException(e.getMessage());
    }
    try {
      ResolvedManifest m = registry.resolve(image, platform, credentials);
      return new ResolvedImage(m.ref().toString(), m.ref().digest().orElseThrow().toString(), m.image());
    } catch (RegistryException e) {
      throw new ImageResolveException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageResolveException("cancelled while resolving " + ref, e);
    }
  }
}

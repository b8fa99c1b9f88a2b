package dev.jbuild.daemon.frontend;

import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.Platform;

/** The daemon's resolver until registries are supported: every base image is refused with a clear message. */
public final class NoRegistryImageMetaResolver implements ImageMetaResolver {
  @Override
  public ResolvedImage resolve(String ref, Platform platform, RegistryCredentials credentials)
      throws ImageResolveException {
    throw new ImageResolveException("base images from a registry are not supported yet");
  }
}

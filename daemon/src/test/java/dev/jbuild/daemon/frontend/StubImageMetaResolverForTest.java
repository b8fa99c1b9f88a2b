package dev.jbuild.daemon.frontend;

import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A resolver that knows a fixed set of images and records what it was asked. */
final class StubImageMetaResolverForTest implements ImageMetaResolver {
  private final Map<String, ImageConfig> images;
  final List<String> asked = new ArrayList<>();

  StubImageMetaResolverForTest(Map<String, ImageConfig> images) {
    this.images = images;
  }

  @Override
  public synchronized ResolvedImage resolve(String ref, Platform platform, RegistryCredentials credentials)
      throws ImageResolveException {
    asked.add(ref);
    ImageConfig config = images.get(ref);
    if (config == null) {
      throw new ImageResolveException("no such image in the stub");
    }
    String digest = "sha256:" + "a".repeat(64);
    return new ResolvedImage("docker.io/library/" + ref + "@" + digest, digest, config);
  }
}

package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.proto.ops.Platform;

/** The one platform builds target for now (--platform comes later): linux/amd64. */
public final class GraphPlatform {
  public static final Platform PLATFORM = Platform.newBuilder().setOs("linux").setArchitecture("amd64").build();

  private GraphPlatform() {}
}

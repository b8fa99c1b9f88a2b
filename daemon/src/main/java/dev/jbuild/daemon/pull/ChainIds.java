package dev.jbuild.daemon.pull;

import dev.jbuild.content.Digest;

/** OCI chain ids: a layer's id together with everything under it (image-spec, config.md). */
final class ChainIds {
  private ChainIds() {}

  /** chainId(L0) = diffId(L0); chainId(Ln) = sha256(chainId(Ln-1) + " " + diffId(Ln)). */
  static Digest next(Digest previous, Digest diffId) {
    return previous == null ? diffId : Digest.of(previous + " " + diffId);
  }
}

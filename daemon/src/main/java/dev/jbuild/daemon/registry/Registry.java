package dev.jbuild.daemon.registry;

import dev.jbuild.content.Descriptor;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.Platform;

/**
 * Images in registries, read through the daemon's content store.
 *
 * <p>Lifecycle: one instance serves the daemon and is thread-safe. {@link #resolve} turns a reference into
 * one platform's manifest and config (the config blob lands in the content store); {@link #fetchBlob} then
 * brings each layer into the store. Every blob is verified against its digest by the store, so a blob in the
 * store is trusted and never fetched again. A registry that is down or stalls fails the call within the
 * configured time ({@link RegistryOptions#stallTimeout}); interrupting the calling thread stops the transfer
 * and throws InterruptedException. Each call takes the build's {@link RegistryCredentials}: requests are
 * anonymous until a registry refuses one, and then carry the client's credentials for that registry.
 *
 * <p>Example: {@code m = registry.resolve(ImageRef.parse("busybox"), linux/amd64, job.session())}, then
 * {@code for (Descriptor l : m.layers()) registry.fetchBlob(m.ref(), l, job.session())}.
 */
public interface Registry {

  /**
   * Finds the image: a manifest list or OCI index is narrowed to {@code platform} (variant honoured), a
   * Docker v2 schema 2 or OCI manifest is taken as it is; a pinned reference must hash to its digest.
   */
  ResolvedManifest resolve(ImageRef ref, Platform platform, RegistryCredentials credentials)
      throws RegistryException, InterruptedException;

  /** Brings one blob of {@code ref}'s repository into the content store, unless it is there already. */
  void fetchBlob(ImageRef ref, Descriptor blob, RegistryCredentials credentials)
      throws RegistryException, InterruptedException;
}

package dev.jbuild.daemon.pull;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.registry.ImageRef;
import dev.jbuild.daemon.registry.Registry;
import dev.jbuild.daemon.registry.RegistryException;
import dev.jbuild.daemon.registry.ResolvedManifest;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.diff.Differ;
import dev.jbuild.proto.ops.Platform;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.Snapshotter;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A base image's root filesystem as a chain of committed snapshots, one per layer, each on the previous.
 * Snapshots are named after the layer's OCI chain id ({@code base-<hex>}), so a chain unpacked by an earlier
 * build of this daemon is found by name and reused; blobs already in the content store are not fetched
 * again. Each snapshot is labelled with its {@link LayerOrigin}, so that exporters reuse the layer. Base snapshots belong to the daemon, not to a build (builds only add views and children on them).
 * Thread-safe: one chain id is unpacked by one thread at a time.
 */
public final class ImagePuller {
  private final Registry registry;
  private final Snapshotter snapshotter;
  private final Differ differ;
  private final ContentStore store;
  private final ConcurrentHashMap<Digest, ReentrantLock> unpacking = new ConcurrentHashMap<>();

  public ImagePuller(Registry registry, Snapshotter snapshotter, Differ differ, ContentStore store) {
    this.registry = registry;
    this.snapshotter = snapshotter;
    this.differ = differ;
    this.store = store;
  }

  /**
   * The committed snapshot holding the image's tree, or empty for an image without layers.
   *
   * @param credentials the build's: a registry that refuses anonymous pulls gets the client's credentials
   */
  public Optional<String> pull(ImageRef ref, Platform platform, RegistryCredentials credentials)
      throws RegistryException, IOException, InterruptedException {
    ResolvedManifest m = registry.resolve(ref, platform, credentials);
    List<String> diffIds = m.image().rootfs().diffIds();
    if (diffIds.size() != m.layers().size()) {
      throw new RegistryException(m.ref() + ": the manifest lists " + m.layers().size()
          + " layers but the config names " + diffIds.size() + " diff ids");
    }
    String parent = "";
    Digest chain = null;
    for (int i = 0; i < diffIds.size(); i++) {
      chain = ChainIds.next(chain, Digest.parse(diffIds.get(i)));
      parent = unpacked(m, new LayerOrigin(m.layers().get(i), Digest.parse(diffIds.get(i))), chain, parent,
          credentials);
    }
    return parent.isEmpty() ? Optional.empty() : Optional.of(parent);
  }

  private String unpacked(ResolvedManifest m, LayerOrigin origin, Digest chain, String parent,
      RegistryCredentials credentials) throws RegistryException, IOException, InterruptedException {
    Descriptor layer = origin.blob();
    String name = "base-" + chain.hex();
    ReentrantLock lock = unpacking.computeIfAbsent(chain, c -> new ReentrantLock());
    lock.lockInterruptibly();
    try {
      if (snapshotter.stat(name).isPresent()) {
        return name;
      }
      registry.fetchBlob(m.ref(), layer, credentials);
      String key = name + "-extract-" + UUID.randomUUID();
      List<Mount> mounts = snapshotter.prepare(key, parent);
      try {
        differ.apply(layer, mounts, store);
        snapshotter.commit(name, key);
        // a crash right here leaves a snapshot without its origin: exporters then diff it (same files)
        snapshotter.setLabels(name, origin.labels());
      } catch (IOException | RuntimeException e) {
        snapshotter.remove(key);
        throw new IOException("unpacking layer " + layer.digest() + " of " + m.ref() + ": " + e.getMessage(), e);
      }
      return name;
    } finally {
      lock.unlock();
    }
  }
}

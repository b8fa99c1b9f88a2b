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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A base image's root filesystem as a chain of committed snapshots, one per layer, each on the previous.
 * Snapshots are named after the layer's OCI chain id ({@code base-<hex>}), so a chain unpacked by an earlier
 * build of this daemon is found by name and reused; blobs already in the content store are not fetched
 * again; missing ones are fetched ahead of unpacking, a few at a time ({@link LayerDownloads}). Each snapshot is
 * labelled with its {@link LayerOrigin}, so that exporters reuse the layer. Base snapshots belong to the daemon,
 * not to a build (builds only add views and children on them).
 * Thread-safe: one chain id is unpacked by one thread at a time.
 */
public final class ImagePuller {
  private final Registry registry;
  private final Snapshotter snapshotter;
  private final Differ differ;
  private final ContentStore store;
  private final ConcurrentHashMap<Digest, ReentrantLock> unpacking = new ConcurrentHashMap<>();
  /** Runs the layer downloads of every pull; unbounded, since each download blocks its thread. */
  private final ExecutorService downloadPool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "layer-download");
    t.setDaemon(true);
    return t;
  });

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
    List<Digest> chains = new ArrayList<>();
    List<Descriptor> missing = new ArrayList<>();
    Digest chain = null;
    for (int i = 0; i < diffIds.size(); i++) {
      chain = ChainIds.next(chain, Digest.parse(diffIds.get(i)));
      chains.add(chain);
      if (snapshotter.stat(snapshotName(chain)).isEmpty()) {
        missing.add(m.layers().get(i));
      }
    }
    String parent = "";
    try (LayerDownloads downloads = LayerDownloads.start(downloadPool, missing,
        blob -> registry.fetchBlob(m.ref(), blob, credentials))) {
      for (int i = 0; i < diffIds.size(); i++) {
        Descriptor blob = m.layers().get(i);
        downloads.await(blob);
        parent = unpacked(m, new LayerOrigin(blob, Digest.parse(diffIds.get(i))), chains.get(i), parent,
            credentials);
      }
    }
    return parent.isEmpty() ? Optional.empty() : Optional.of(parent);
  }

  private static String snapshotName(Digest chain) {
    return "base-" + chain.hex();
  }

  private String unpacked(ResolvedManifest m, LayerOrigin origin, Digest chain, String parent,
      RegistryCredentials credentials) throws RegistryException, IOException, InterruptedException {
    Descriptor layer = origin.blob();
    String name = snapshotName(chain);
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

package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.daemon.pull.LayerOrigin;
import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.diff.Compression;
import dev.jbuild.diff.Differ;
import dev.jbuild.diff.MediaTypes;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.Snapshotter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The layers of a result: one per committed snapshot from the base to the result, each the diff between
 * a snapshot and its parent, made when an exporter asks for them (never for intermediate stages that are
 * only copied from). A snapshot unpacked from a base image's layer ({@link LayerOrigin}) is that layer:
 * its tar is the pulled blob decompressed (checked against the diff id), and a gzip blob is what exporters
 * ship, so the image shares the base's blobs and diff ids, as with BuildKit.
 */
public final class LayerChain {
  private final Snapshotter snapshotter;
  private final Differ differ;
  private final ContentStore store;
  private final LayerCompressor compressor;

  public LayerChain(Snapshotter snapshotter, Differ differ, ContentStore store, LayerCompressor compressor) {
    this.snapshotter = snapshotter;
    this.differ = differ;
    this.store = store;
    this.compressor = compressor;
  }

  /** One layer: its uncompressed tar blob, and when its snapshot was made (the history's time for it). */
  public record Layer(Descriptor tar, Instant created) {}

  /** The result's layers, bottom first; empty diffs included (the assembler drops them). */
  public List<Layer> layers(Ref result, JobContext job) throws IOException {
    List<Snapshotter.Info> chain = new ArrayList<>();
    String name = result.snapshot().orElse("");
    while (!name.isEmpty()) {
      String current = name;
      Snapshotter.Info info = snapshotter.stat(current)
          .orElseThrow(() -> new IOException("snapshot " + current + " is gone"));
      chain.add(info);
      name = info.parent() == null ? "" : info.parent();
    }
    Collections.reverse(chain);
    List<Layer> layers = new ArrayList<>();
    String parent = "";
    for (Snapshotter.Info snapshot : chain) {
      Optional<LayerOrigin> origin = LayerOrigin.of(snapshotter.labels(snapshot.name()));
      Optional<Descriptor> pulled = origin.isPresent() ? pulledLayer(origin.get()) : Optional.empty();
      Descriptor tar = pulled.isPresent() ? pulled.get() : diff(parent, snapshot.name(), job);
      layers.add(new Layer(tar, Instant.ofEpochMilli(snapshot.createdMillis())));
      parent = snapshot.name();
    }
    return layers;
  }

  /** The uncompressed tar of a pulled layer, unpacked into the store once; empty when its blob is gone. */
  private Optional<Descriptor> pulledLayer(LayerOrigin origin) throws IOException {
    Optional<ContentStore.Info> tar = store.info(origin.diffId());
    if (tar.isEmpty()) {
      if (store.info(origin.blob().digest()).isEmpty()) {
        return Optional.empty();
      }
      tar = Optional.of(unpack(origin));
    }
    return Optional.of(new Descriptor(MediaTypes.LAYER_TAR, origin.diffId(), tar.get().size()));
  }

  private ContentStore.Info unpack(LayerOrigin origin) throws IOException {
    Descriptor blob = origin.blob();
    try (BufferedInputStream in = new BufferedInputStream(store.open(blob.digest()), 1 << 16);
        ContentStore.Writer w = store.writer("unpack-" + origin.diffId().hex() + "-" + UUID.randomUUID(),
            Optional.of(origin.diffId()))) {
      Compression compression = Compression.sniff(in);
      try (InputStream tar = Compression.decompressed(in)) {
        tar.transferTo(w.stream());
      }
      w.commit();
      if (compression == Compression.GZIP) {
        compressor.known(origin.diffId(), blob);
      }
    } catch (IOException e) {
      throw new IOException("base image layer " + blob.digest() + " (diff id " + origin.diffId() + "): "
          + e.getMessage(), e);
    }
    return store.info(origin.diffId()).orElseThrow(() -> new IOException("layer " + origin.diffId() + " is gone"));
  }

  private Descriptor diff(String parent, String snapshot, JobContext job) throws IOException {
    List<String> views = new ArrayList<>();
    try {
      List<Mount> lower = List.of();
      if (!parent.isEmpty()) {
        String key = job.newKey("diff-lower");
        lower = snapshotter.view(key, parent);
        views.add(key);
      }
      String key = job.newKey("diff-upper");
      List<Mount> upper = snapshotter.view(key, snapshot);
      views.add(key);
      return differ.diff(lower, upper, store);
    } finally {
      for (String v : views) {
        try {
          snapshotter.remove(v);
        } catch (IOException e) {
          job.own(v); // the job's cleanup tries again; the diff's own error, if any, is what counts
        }
      }
    }
  }
}

package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.image.ImageConfig.History;
import dev.jbuild.diff.MediaTypes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Puts an image together from its layer blobs and the config the frontend made. Layers pair, in order,
 * with the history entries that are not marked empty; a layer with no changes is dropped and its history
 * entry marked empty, as BuildKit does. The config gets its diff ids and creation times, and is stored.
 *
 * <p>Times, as BuildKit (dockerd's exporter) gives them: an entry of this build takes the time its layer's
 * snapshot was made; an entry without a layer (ENV, CMD, ...) takes the time of the entry before it, or,
 * before the build's first layer, that layer's time; entries of the base image keep theirs. The image's
 * created time is the last entry's; with no time at all (FROM scratch and no layer), {@code now}.
 */
public final class ImageAssembler {
  private final ContentStore store;
  private final Predicate<Descriptor> isEmptyLayer;

  public ImageAssembler(ContentStore store, Predicate<Descriptor> isEmptyLayer) {
    this.store = store;
    this.isEmptyLayer = isEmptyLayer;
  }

  public BuiltImage assemble(List<LayerChain.Layer> layers, ImageConfig config, Instant now) throws IOException {
    List<History> history = new ArrayList<>();
    List<Descriptor> kept = new ArrayList<>();
    int next = 0;
    for (History h : config.history()) {
      boolean empty = h.emptyLayer();
      String created = h.created();
      if (!empty) {
        if (next >= layers.size()) {
          throw new IllegalStateException("the image history names more layers than the build made ("
              + layers.size() + ")");
        }
        LayerChain.Layer layer = layers.get(next++);
        created = created == null ? layer.created().toString() : created;
        if (isEmptyLayer.test(layer.tar())) {
          empty = true;
        } else {
          kept.add(layer.tar());
        }
      }
      history.add(new History(created, h.createdBy(), h.author(), h.comment(), empty));
    }
    for (; next < layers.size(); next++) { // layers no instruction claims (none expected): keep what changed
      LayerChain.Layer layer = layers.get(next);
      if (!isEmptyLayer.test(layer.tar())) {
        kept.add(layer.tar());
        history.add(new History(layer.created().toString(), "jbuild: unnamed layer", null, null, false));
      }
    }
    history = withTimes(history);
    String created = history.isEmpty() || history.get(history.size() - 1).created() == null
        ? now.toString() : history.get(history.size() - 1).created();
    List<String> diffIds = kept.stream().map(d -> d.digest().toString()).toList();
    ImageConfig finished = config.withCreated(created).withHistory(history)
        .withRootFs(new ImageConfig.RootFs("layers", diffIds));
    Descriptor blob = Blobs.putJson(store, MediaTypes.IMAGE_CONFIG, finished);
    return new BuiltImage(blob, finished, kept);
  }

  /** Entries without a time take the previous entry's, or, before any, the first one's after them. */
  private static List<History> withTimes(List<History> history) {
    String fill = null;
    boolean seenUntimed = false;
    for (History h : history) { // the first time after an untimed entry; else the last time there is
      if (h.created() != null) {
        fill = h.created();
        if (seenUntimed) {
          break;
        }
      } else {
        seenUntimed = true;
      }
    }
    List<History> out = new ArrayList<>();
    seenUntimed = false;
    for (History h : history) {
      if (h.created() == null) {
        seenUntimed = true;
        out.add(new History(fill, h.createdBy(), h.author(), h.comment(), h.emptyLayer()));
      } else {
        fill = seenUntimed ? h.created() : fill;
        out.add(h);
      }
    }
    return out;
  }
}

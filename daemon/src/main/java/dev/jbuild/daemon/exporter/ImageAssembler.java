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
 */
public final class ImageAssembler {
  private final ContentStore store;
  private final Predicate<Descriptor> isEmptyLayer;

  public ImageAssembler(ContentStore store, Predicate<Descriptor> isEmptyLayer) {
    this.store = store;
    this.isEmptyLayer = isEmptyLayer;
  }

  public BuiltImage assemble(List<Descriptor> layers, ImageConfig config, Instant created) throws IOException {
    String time = created.toString();
    List<History> history = new ArrayList<>();
    List<Descriptor> kept = new ArrayList<>();
    int next = 0;
    for (History h : config.history()) {
      boolean empty = h.emptyLayer();
      if (!empty) {
        if (next >= layers.size()) {
          throw new IllegalStateException("the image history names more layers than the build made ("
              + layers.size() + ")");
        }
        Descriptor layer = layers.get(next++);
        if (isEmptyLayer.test(layer)) {
          empty = true;
        } else {
          kept.add(layer);
        }
      }
      history.add(new History(h.created() == null ? time : h.created(), h.createdBy(), h.author(), h.comment(),
          empty));
    }
    for (; next < layers.size(); next++) { // layers no instruction claims (none expected): keep what changed
      if (!isEmptyLayer.test(layers.get(next))) {
        kept.add(layers.get(next));
        history.add(new History(time, "jbuild: unnamed layer", null, null, false));
      }
    }
    List<String> diffIds = kept.stream().map(d -> d.digest().toString()).toList();
    ImageConfig finished = config.withCreated(time).withHistory(history)
        .withRootFs(new ImageConfig.RootFs("layers", diffIds));
    Descriptor blob = Blobs.putJson(store, MediaTypes.IMAGE_CONFIG, finished);
    return new BuiltImage(blob, finished, kept);
  }
}

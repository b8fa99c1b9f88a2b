package dev.jbuild.daemon.exporter;

import dev.jbuild.content.Descriptor;
import dev.jbuild.daemon.image.ImageConfig;
import java.util.List;

/**
 * An image ready to export: its config (with diff ids and history final) stored as a blob, and its layers
 * as uncompressed tar blobs, bottom first. Exporters choose the layers' compression and write manifests.
 */
public record BuiltImage(Descriptor configBlob, ImageConfig config, List<Descriptor> layers) {
  public BuiltImage {
    layers = List.copyOf(layers);
  }

  public long layersSize() {
    return layers.stream().mapToLong(Descriptor::size).sum();
  }
}

package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.daemon.image.OciDescriptor;
import dev.jbuild.daemon.image.OciManifest;
import dev.jbuild.diff.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code --output type=oci}: gzip layers, an OCI manifest, and the layout as a tar stream. */
public final class OciArchiveExporter implements Exporter {

  /** Where the tar goes (the client's disk, through the build's stream). */
  @FunctionalInterface
  public interface Sink {
    OutputStream open() throws IOException;
  }

  private final ContentStore store;
  private final LayerCompressor compressor;
  private final String imageName;
  private final Sink sink;

  /** @param imageName the full name recorded in index.json annotations, or null */
  public OciArchiveExporter(ContentStore store, LayerCompressor compressor, String imageName, Sink sink) {
    this.store = store;
    this.compressor = compressor;
    this.imageName = imageName;
    this.sink = sink;
  }

  @Override
  public Descriptor export(BuiltImage image) throws IOException {
    List<Descriptor> layers = new ArrayList<>();
    for (Descriptor layer : image.layers()) {
      layers.add(compressor.gzip(layer));
    }
    OciManifest manifest = new OciManifest(2, MediaTypes.IMAGE_MANIFEST, OciDescriptor.of(image.configBlob()),
        layers.stream().map(OciDescriptor::of).toList());
    Descriptor blob = Blobs.putJson(store, MediaTypes.IMAGE_MANIFEST, manifest);
    List<Descriptor> blobs = new ArrayList<>(layers);
    blobs.add(image.configBlob());
    try (OutputStream out = sink.open()) {
      OciArchiveWriter.write(store, blob, blobs, imageName, out);
    }
    return blob;
  }
}

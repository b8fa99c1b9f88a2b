package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --output type=oci}: gzip layers, an OCI manifest, and the layout as a tar stream. With
 * {@code type=docker} the same tar also carries docker's manifest.json naming the image's tags, so that
 * `docker load` takes it.
 */
public final class OciArchiveExporter implements Exporter {

  /** Where the tar goes (the client's disk, through the build's stream). */
  @FunctionalInterface
  public interface Sink {
    CommittableStream open() throws IOException;
  }

  private final ContentStore store;
  private final LayerCompressor compressor;
  private final List<String> imageNames;
  private final boolean dockerLoad;
  private final Sink sink;

  /**
   * @param imageNames full names of the image (its tags); the first is recorded in index.json annotations
   * @param dockerLoad also write docker's manifest.json (type=docker)
   */
  public OciArchiveExporter(ContentStore store, LayerCompressor compressor, List<String> imageNames,
      boolean dockerLoad, Sink sink) {
    this.store = store;
    this.compressor = compressor;
    this.imageNames = List.copyOf(imageNames);
    this.dockerLoad = dockerLoad;
    this.sink = sink;
  }

  @Override
  public Descriptor export(BuiltImage image) throws IOException {
    List<Descriptor> layers = new ArrayList<>();
    for (Descriptor layer : image.layers()) {
      layers.add(compressor.gzip(layer));
    }
    Descriptor blob = Blobs.putManifest(store, image.configBlob(), layers);
    List<Descriptor> blobs = new ArrayList<>(layers);
    blobs.add(image.configBlob());
    DockerLoadManifest loadManifest = dockerLoad
        ? DockerLoadManifest.of(image.configBlob(), imageNames, layers) : null;
    try (CommittableStream out = sink.open()) {
      OciArchiveWriter.write(store, blob, blobs, imageNames.isEmpty() ? null : imageNames.get(0), loadManifest,
          out);
      out.commit(); // only a complete tarball reaches the destination
    }
    return blob;
  }
}

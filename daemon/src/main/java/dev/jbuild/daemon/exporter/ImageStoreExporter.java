package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.daemon.images.ImageName;
import dev.jbuild.daemon.images.ImageStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the image in the daemon's image store under its tags. Layers stay uncompressed: they are local,
 * and compressing them is work an exporter that needs it (a push, an OCI tarball) does once, later.
 */
public final class ImageStoreExporter implements Exporter {
  private final ContentStore store;
  private final ImageStore images;
  private final List<ImageName> names;

  public ImageStoreExporter(ContentStore store, ImageStore images, List<ImageName> names) {
    this.store = store;
    this.images = images;
    this.names = List.copyOf(names);
  }

  @Override
  public Descriptor export(BuiltImage image) throws IOException {
    Descriptor blob = Blobs.putManifest(store, image.configBlob(), image.layers());
    images.tag(names, blob.digest(), image.configBlob().digest(), image.layersSize(),
        Instant.parse(image.config().created()));
    return blob;
  }
}

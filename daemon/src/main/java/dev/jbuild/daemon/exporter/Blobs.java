package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.image.Json;
import dev.jbuild.daemon.image.OciDescriptor;
import dev.jbuild.daemon.image.OciManifest;
import dev.jbuild.diff.MediaTypes;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Small JSON blobs (configs, manifests) into the content store, each ingest under a ref of its own. */
final class Blobs {
  private Blobs() {}

  static Descriptor putJson(ContentStore store, String mediaType, Object document) throws IOException {
    byte[] bytes = Json.bytes(document);
    Digest expected = Digest.of(bytes);
    try (ContentStore.Writer w = store.writer("json-" + expected.hex() + "-" + UUID.randomUUID(),
        Optional.of(expected))) {
      w.stream().write(bytes);
      w.commit();
    }
    return new Descriptor(mediaType, expected, bytes.length);
  }

  /** Stores the OCI manifest of a config and its layers (as given: compressed or not). */
  static Descriptor putManifest(ContentStore store, Descriptor config, List<Descriptor> layers)
      throws IOException {
    OciManifest manifest = new OciManifest(2, MediaTypes.IMAGE_MANIFEST, OciDescriptor.of(config),
        layers.stream().map(OciDescriptor::of).toList());
    return putJson(store, MediaTypes.IMAGE_MANIFEST, manifest);
  }
}

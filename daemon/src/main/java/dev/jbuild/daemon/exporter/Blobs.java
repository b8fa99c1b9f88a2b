package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Small JSON blobs (configs, manifests) in and out of the content store. */
final class Blobs {
  private Blobs() {}

  static Descriptor putJson(ContentStore store, String mediaType, Object document) throws IOException {
    byte[] bytes = Json.bytes(document);
    Digest expected = Digest.of(bytes);
    try (ContentStore.Writer w = store.writer("json-" + expected.hex(), Optional.of(expected))) {
      w.stream().write(bytes);
      w.commit();
    }
    return new Descriptor(mediaType, expected, bytes.length);
  }

  static byte[] read(ContentStore store, Digest digest) throws IOException {
    try (InputStream in = store.open(digest)) {
      return in.readAllBytes();
    }
  }
}

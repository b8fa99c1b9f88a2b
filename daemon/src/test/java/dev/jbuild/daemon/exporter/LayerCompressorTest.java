package dev.jbuild.daemon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.diff.MediaTypes;
import dev.jbuild.metadata.MetadataDb;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCompressorTest {
  @TempDir
  Path root;

  private static Descriptor layer(ContentStore store, int size) throws Exception {
    byte[] data = new byte[size];
    new Random(7).nextBytes(data);
    try (ContentStore.Writer w = store.writer("layer", Optional.empty())) {
      w.stream().write(data);
      Digest d = w.commit();
      return new Descriptor(MediaTypes.LAYER_TAR, d, size);
    }
  }

  @Test
  void compressesOnceToAReadableGzipAndRemembersIt() throws Exception {
    ContentStore store = ContentStore.local(root.resolve("content"));
    try (MetadataDb db = MetadataDb.open(root)) {
      LayerCompressor gz = new LayerCompressor(store, db);
      Descriptor layer = layer(store, 1 << 20);
      Descriptor first = gz.gzip(layer);
      assertThat(first.mediaType()).isEqualTo(MediaTypes.LAYER_TAR_GZIP);
      try (InputStream in = new GZIPInputStream(store.open(first.digest()))) {
        assertThat(Digest.of(in.readAllBytes())).isEqualTo(layer.digest());
      }
      assertThat(gz.gzip(layer)).isEqualTo(first);
    }
  }

  @Test
  void aKnownGzipOfTheLayerIsShippedInsteadOfANewOne() throws Exception {
    ContentStore store = ContentStore.local(root.resolve("content"));
    try (MetadataDb db = MetadataDb.open(root)) {
      LayerCompressor gz = new LayerCompressor(store, db);
      Descriptor layer = layer(store, 1 << 16);
      byte[] pulled;
      try (InputStream in = store.open(layer.digest());
          java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream()) {
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes) {
          {
            def.setLevel(java.util.zip.Deflater.BEST_SPEED); // not the compressor's level: other bytes
          }
        }) {
          in.transferTo(out);
        }
        pulled = bytes.toByteArray();
      }
      Digest pulledDigest;
      try (ContentStore.Writer w = store.writer("pulled", Optional.empty())) {
        w.stream().write(pulled);
        pulledDigest = w.commit();
      }
      gz.known(layer.digest(), new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, pulledDigest, pulled.length));

      assertThat(gz.gzip(layer)).isEqualTo(new Descriptor(MediaTypes.LAYER_TAR_GZIP, pulledDigest, pulled.length));
      store.delete(pulledDigest);
      assertThat(gz.gzip(layer).digest()).as("a known blob that is gone is made again").isNotEqualTo(pulledDigest);
    }
  }

  @Test
  void twoBuildsCompressingTheSameLayerAtOnceBothSucceed() throws Exception {
    ContentStore store = ContentStore.local(root.resolve("content"));
    try (MetadataDb db = MetadataDb.open(root)) {
      LayerCompressor gz = new LayerCompressor(store, db);
      Descriptor layer = layer(store, 16 << 20);
      var a = CompletableFuture.supplyAsync(() -> compress(gz, layer));
      var b = CompletableFuture.supplyAsync(() -> compress(gz, layer));
      assertThat(a.get()).isEqualTo(b.get());
    }
  }

  private static Descriptor compress(LayerCompressor gz, Descriptor layer) {
    try {
      return gz.gzip(layer);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package dev.jbuild.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {
  @TempDir Path root;

  private static Digest write(ContentStore store, String ref, String content, Optional<Digest> expected)
      throws IOException {
    try (ContentStore.Writer w = store.writer(ref, expected)) {
      w.stream().write(content.getBytes(StandardCharsets.UTF_8));
      return w.commit();
    }
  }

  private static String read(ContentStore store, Digest d) throws IOException {
    try (InputStream in = store.open(d)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void roundTripStoresBlobUnderItsDigest() throws IOException {
    ContentStore store = ContentStore.local(root);

    Digest d = write(store, "ref-1", "hello blob", Optional.of(Digest.of("hello blob")));

    assertThat(d).isEqualTo(Digest.of("hello blob"));
    assertThat(read(store, d)).isEqualTo("hello blob");
    assertThat(root.resolve("blobs/sha256/" + d.hex())).hasContent("hello blob");
    assertThat(store.info(d)).get().extracting(ContentStore.Info::size).isEqualTo(10L);
    assertThat(ingestEntries()).isEmpty();
  }

  @Test
  void writerCountsBytesWritten() throws IOException {
    ContentStore store = ContentStore.local(root);
    try (ContentStore.Writer w = store.writer("ref", Optional.empty())) {
      w.stream().write(new byte[100_000]);
      w.stream().write(7);
      assertThat(w.written()).isEqualTo(100_001);
      assertThat(store.info(w.commit())).get().extracting(ContentStore.Info::size).isEqualTo(100_001L);
    }
  }

  @Test
  void wrongExpectedDigestIsRefusedAndNothingIsCommitted() throws IOException {
    ContentStore store = ContentStore.local(root);
    Digest claimed = Digest.of("something else");

    assertThatThrownBy(() -> write(store, "ref-1", "actual bytes", Optional.of(claimed)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(claimed.toString())
        .hasMessageContaining(Digest.of("actual bytes").toString());

    assertThat(store.info(Digest.of("actual bytes"))).isEmpty();
    assertThat(store.info(claimed)).isEmpty();
    assertThat(ingestEntries()).isEmpty();
    assertThat(write(store, "ref-1", "retry works", Optional.empty())).isEqualTo(Digest.of("retry works"));
  }

  @Test
  void closeWithoutCommitDiscards() throws IOException {
    ContentStore store = ContentStore.local(root);
    try (ContentStore.Writer w = store.writer("ref", Optional.empty())) {
      w.stream().write("abandoned".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(store.info(Digest.of("abandoned"))).isEmpty();
    assertThat(ingestEntries()).isEmpty();
  }

  @Test
  void reopeningRemovesIngestLeftoversOfACrash() throws IOException {
    ContentStore store = ContentStore.local(root);
    Digest kept = write(store, "kept", "committed before the crash", Optional.empty());
    ContentStore.Writer crashed = store.writer("crashed", Optional.empty());
    crashed.stream().write("half written".getBytes(StandardCharsets.UTF_8));
    crashed.stream().flush();
    assertThat(ingestEntries()).hasSize(1);

    ContentStore reopened = ContentStore.local(root); // the process "restarted" without closing the writer

    assertThat(ingestEntries()).isEmpty();
    assertThat(read(reopened, kept)).isEqualTo("committed before the crash");
  }

  @Test
  void sameRefTwiceAtOnceIsRefusedNamingTheRef() throws IOException {
    ContentStore store = ContentStore.local(root);
    try (ContentStore.Writer first = store.writer("layer-x", Optional.empty())) {
      assertThatThrownBy(() -> store.writer("layer-x", Optional.empty()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("ref layer-x is being written");
      first.stream().write(1);
    }
    store.writer("layer-x", Optional.empty()).close(); // free again once the first is closed
  }

  @Test
  void concurrentWritersOfTheSameBlobBothSucceed() throws Exception {
    ContentStore store = ContentStore.local(root);
    byte[] content = "same content from two writers".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    int writers = 4;
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Digest>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String ref = "ref-" + i;
        Callable<Digest> job = () -> {
          try (ContentStore.Writer w = store.writer(ref, Optional.of(Digest.of(content)))) {
            start.await();
            w.stream().write(content);
            return w.commit();
          }
        };
        results.add(pool.submit(job));
      }
      for (Future<Digest> f : results) {
        assertThat(f.get()).isEqualTo(Digest.of(content));
      }
    } finally {
      pool.shutdownNow();
    }
    try (InputStream in = store.open(Digest.of(content))) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void committingAnExistingBlobIsSuccess() throws IOException {
    ContentStore store = ContentStore.local(root);
    Digest a = write(store, "a", "dup", Optional.empty());
    Digest b = write(store, "b", "dup", Optional.of(a));
    assertThat(b).isEqualTo(a);
    assertThat(read(store, a)).isEqualTo("dup");
  }

  @Test
  void deleteRemovesAndOpenThenFailsNamingTheDigest() throws IOException {
    ContentStore store = ContentStore.local(root);
    Digest d = write(store, "a", "gone soon", Optional.empty());

    store.delete(d);
    store.delete(d); // absent is not an error

    assertThat(store.info(d)).isEmpty();
    assertThatThrownBy(() -> store.open(d)).isInstanceOf(NoSuchFileException.class).hasMessageContaining(d.toString());
  }

  private List<Path> ingestEntries() throws IOException {
    try (Stream<Path> s = Files.list(root.resolve("ingest"))) {
      return s.toList();
    }
  }
}

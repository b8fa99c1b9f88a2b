package dev.jbuild.daemon.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetches are toy ones (test doubles) that block until the test lets them finish. */
class LayerDownloadsTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static Descriptor blob(String content) {
    return new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Digest.of(content), content.length());
  }

  private static List<Descriptor> blobs(int n) {
    List<Descriptor> blobs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      blobs.add(blob("layer " + i));
    }
    return blobs;
  }

  /** A fetch that notes when each blob starts and waits until the test releases it. */
  private static final class HeldFetchForTest implements LayerDownloads.Fetch {
    final List<Digest> started = new CopyOnWriteArrayList<>();
    final Map<Digest, CountDownLatch> release = new ConcurrentHashMap<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public void run(Descriptor blob) throws InterruptedException {
      started.add(blob.digest());
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        latch(blob).await();
      } finally {
        running.decrementAndGet();
      }
    }

    CountDownLatch latch(Descriptor blob) {
      return release.computeIfAbsent(blob.digest(), d -> new CountDownLatch(1));
    }

    void awaitStarted(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (started.size() < n && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(started).hasSizeGreaterThanOrEqualTo(n);
    }
  }

  @Test
  void threeBlobsAreFetchedAtOnceInLayerOrderAndTheNextStartsWhenOneIsDone() throws Exception {
    List<Descriptor> blobs = blobs(5);
    HeldFetchForTest fetch = new HeldFetchForTest();
    try (LayerDownloads downloads = LayerDownloads.start(pool, blobs, fetch)) {
      fetch.awaitStarted(3);
      Thread.sleep(100);
      assertThat(fetch.started).containsExactlyInAnyOrder(blobs.get(0).digest(), blobs.get(1).digest(),
          blobs.get(2).digest());

      fetch.latch(blobs.get(0)).countDown();
      downloads.await(blobs.get(0));
      fetch.awaitStarted(4);
      assertThat(fetch.started.get(3)).isEqualTo(blobs.get(3).digest());

      blobs.forEach(b -> fetch.latch(b).countDown());
      for (Descriptor b : blobs) {
        downloads.await(b);
      }
    }
    assertThat(fetch.started).hasSize(5);
    assertThat(fetch.mostAtOnce.get()).isEqualTo(LayerDownloads.AT_ONCE);
  }

  @Test
  void aBlobListedTwiceIsFetchedOnceAndABlobNotListedIsNotWaitedFor() throws Exception {
    Descriptor a = blob("a");
    Descriptor b = blob("b");
    HeldFetchForTest fetch = new HeldFetchForTest();
    fetch.latch(a).countDown();
    fetch.latch(b).countDown();
    try (LayerDownloads downloads = LayerDownloads.start(pool, List.of(a, b, a), fetch)) {
      downloads.await(a);
      downloads.await(b);
      downloads.await(blob("already in the store"));
    }
    assertThat(fetch.started).containsExactly(a.digest(), b.digest());
  }

  @Test
  void aFailedFetchIsThrownToWhoWaitsForThatBlobAndTheOthersGoOn() throws Exception {
    List<Descriptor> blobs = blobs(3);
    LayerDownloads.Fetch fetch = blob -> {
      if (blob.equals(blobs.get(1))) {
        throw new RegistryException("registry r: blob " + blob.digest() + " is not there");
      }
    };
    try (LayerDownloads downloads = LayerDownloads.start(pool, blobs, fetch)) {
      downloads.await(blobs.get(0));
      assertThatThrownBy(() -> downloads.await(blobs.get(1))).isInstanceOf(RegistryException.class)
          .hasMessageContaining(blobs.get(1).digest() + " is not there");
      downloads.await(blobs.get(2));
    }
  }

  @Test
  void closingStopsTheRunningFetchesAndWaitingThenFails() throws Exception {
    List<Descriptor> blobs = blobs(4);
    HeldFetchForTest fetch = new HeldFetchForTest();
    LayerDownloads downloads = LayerDownloads.start(pool, blobs, fetch);
    fetch.awaitStarted(3);

    downloads.close();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (fetch.running.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(fetch.running.get()).as("fetches still running a second after close").isZero();
    assertThatThrownBy(() -> downloads.await(blobs.get(0))).isInstanceOf(InterruptedException.class);
    Thread.sleep(100);
    assertThat(fetch.started).as("nothing starts after close").hasSize(3);
  }
}

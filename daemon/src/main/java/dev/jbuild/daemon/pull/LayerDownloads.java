package dev.jbuild.daemon.pull;

import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.registry.RegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The layer blobs of one pull fetched ahead of their unpacking: at most {@link #AT_ONCE} at a time (dockerd's
 * default max-concurrent-downloads), taken in layer order, so that layer n unpacks while the next ones are on
 * their way. Lifecycle: {@link #start} with the blobs to fetch, {@link #await} each one before unpacking it,
 * {@link #close} always: it cancels what is still running, which stops those transfers (a cancelled build).
 */
final class LayerDownloads implements AutoCloseable {
  static final int AT_ONCE = 3;

  /** Brings one blob into the content store. */
  interface Fetch {
    void run(Descriptor blob) throws RegistryException, InterruptedException;
  }

  /** Each blob to fetch, once (an image may list a blob twice), in layer order. */
  private final List<Descriptor> queue = new ArrayList<>();
  private final Map<Digest, CompletableFuture<Void>> fetched = new HashMap<>();
  private final List<Future<?>> workers = new ArrayList<>();

  private LayerDownloads(List<Descriptor> blobs) {
    for (Descriptor blob : blobs) {
      if (fetched.putIfAbsent(blob.digest(), new CompletableFuture<>()) == null) {
        queue.add(blob);
      }
    }
  }

  /** Starts fetching {@code blobs} on {@code pool} (unbounded: each worker blocks on its transfer). */
  static LayerDownloads start(ExecutorService pool, List<Descriptor> blobs, Fetch fetch) {
    LayerDownloads downloads = new LayerDownloads(blobs);
    AtomicInteger next = new AtomicInteger();
    for (int w = 0; w < Math.min(AT_ONCE, downloads.queue.size()); w++) {
      downloads.workers.add(pool.submit(() -> downloads.work(next, fetch)));
    }
    return downloads;
  }

  /** One worker: takes the next blob nobody has taken until none is left, or it is cancelled. */
  private void work(AtomicInteger next, Fetch fetch) {
    for (int i = next.getAndIncrement(); i < queue.size(); i = next.getAndIncrement()) {
      Descriptor blob = queue.get(i);
      CompletableFuture<Void> done = fetched.get(blob.digest());
      try {
        fetch.run(blob);
        done.complete(null);
      } catch (InterruptedException e) {
        done.cancel(false);
        return;
      } catch (RegistryException | RuntimeException e) {
        done.completeExceptionally(e);
        if (Thread.currentThread().isInterrupted()) {
          return; // closed while its transfer was failing
        }
      }
    }
  }

  /**
   * Waits until {@code blob} is in the content store when it is one of the blobs being fetched (returns at once
   * otherwise); its fetch's failure is thrown here.
   */
  void await(Descriptor blob) throws RegistryException, InterruptedException {
    CompletableFuture<Void> done = fetched.get(blob.digest());
    if (done == null) {
      return;
    }
    try {
      done.get();
    } catch (CancellationException e) {
      throw new InterruptedException("the download of " + blob.digest() + " was cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RegistryException r) {
        throw r;
      }
      throw (RuntimeException) cause;
    }
  }

  @Override
  public void close() {
    for (Future<?> worker : workers) {
      worker.cancel(true);
    }
    for (CompletableFuture<Void> f : fetched.values()) {
      f.cancel(false);
    }
  }
}

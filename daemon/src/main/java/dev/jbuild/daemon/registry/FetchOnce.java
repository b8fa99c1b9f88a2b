package dev.jbuild.daemon.registry;

import dev.jbuild.content.Digest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Collapses concurrent fetches of one digest into one download (BuildKit's flightcontrol, for the content
 * store): the first caller fetches, callers asking for the same digest meanwhile wait for it and then find
 * the content in the store.
 *
 * <p>Cancellation: a waiter whose thread is interrupted (its build was cancelled) stops waiting and leaves
 * the fetch running for the others. When the fetching thread is interrupted, its download stops, and the
 * waiters try again: one of them becomes the fetcher; so they do when the registry refused the fetcher's
 * credentials (each build brings its own). A fetch that fails otherwise fails its waiters too, with its
 * message: the registry would answer them alike, and each build stays within its time bound.
 *
 * <p>Example: {@code fetches.fetch(layer.digest(), () -> { if (!inStore(layer)) download(layer); })}; the
 * fetch checks the store itself, since a waiter that retries may find the content already there.
 */
final class FetchOnce {

  /** Brings one digest into the content store. */
  interface Fetch {
    void run() throws RegistryException, InterruptedException;
  }

  /** The outcome of a flight: true when the content is in the store, false when the fetcher gave up. */
  private final ConcurrentHashMap<Digest, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

  void fetch(Digest digest, Fetch fetch) throws RegistryException, InterruptedException {
    while (true) {
      CompletableFuture<Boolean> mine = new CompletableFuture<>();
      CompletableFuture<Boolean> theirs = inFlight.putIfAbsent(digest, mine);
      if (theirs == null) {
        fly(digest, mine, fetch);
        return;
      }
      if (landed(theirs)) {
        return;
      }
      // the fetcher was cancelled: try again, perhaps as the fetcher
    }
  }

  /** Fetches for every caller waiting on {@code mine}, then tells them how it went. */
  private void fly(Digest digest, CompletableFuture<Boolean> mine, Fetch fetch)
      throws RegistryException, InterruptedException {
    Throwable failure = null;
    boolean done = false;
    try {
      fetch.run();
      done = true;
    } catch (RegistryException | RuntimeException | Error e) {
      // a transfer cut short by our own cancellation, or refused to our build's credentials, says nothing of
      // what the registry would give another build: waiters try for themselves
      failure = Thread.currentThread().isInterrupted() || refused(e) ? null : e;
      throw e;
    } finally {
      inFlight.remove(digest, mine);
      if (failure != null) {
        mine.completeExceptionally(failure);
      } else {
        mine.complete(done);
      }
    }
  }

  private static boolean refused(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof RegistryRefusedException) {
        return true;
      }
    }
    return false;
  }

  private static boolean landed(CompletableFuture<Boolean> flight) throws RegistryException, InterruptedException {
    try {
      return flight.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      throw new RegistryException(message, cause);
    }
  }
}

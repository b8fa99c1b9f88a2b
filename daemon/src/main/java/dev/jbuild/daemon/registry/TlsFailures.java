package dev.jbuild.daemon.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last certificate the daemon's TLS trust rejected, per peer. jib retries a failed handshake for about a
 * minute and then names no certificate; a call that sees its peer here fails at once with the reason instead.
 * Process-wide, as the default SSLContext that records into it is.
 */
final class TlsFailures {
  private record Failure(long nanos, String reason) {}

  private static final Map<String, Failure> LAST = new ConcurrentHashMap<>();

  private TlsFailures() {}

  static void record(String peer, String reason) {
    LAST.put(peer, new Failure(System.nanoTime(), reason));
  }

  /** Why {@code peer}'s certificate was rejected, if it was at or after {@code nanos} (System.nanoTime). */
  static Optional<String> since(String peer, long nanos) {
    Failure f = LAST.get(peer);
    return f != null && f.nanos() - nanos >= 0 ? Optional.of(f.reason()) : Optional.empty();
  }
}

package dev.jbuild.daemon.registry;

import java.time.Duration;

/**
 * How registries are reached.
 *
 * @param stallTimeout how long a registry may go without answering (no response, or no new bytes of a blob)
 *                     before the call fails; jib alone would retry for about a minute
 */
public record RegistryOptions(Duration stallTimeout) {
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

  public RegistryOptions {
    if (stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("the registry timeout must be positive, not " + stallTimeout);
    }
  }

  public static RegistryOptions defaults() {
    return new RegistryOptions(DEFAULT_STALL_TIMEOUT);
  }
}

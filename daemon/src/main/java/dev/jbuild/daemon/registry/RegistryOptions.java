package dev.jbuild.daemon.registry;

import java.time.Duration;
import java.util.Map;

/**
 * How registries are reached.
 *
 * @param stallTimeout how long a registry may go without answering (no response, or no new bytes of a blob)
 *                     before the call fails; jib alone would retry for about a minute
 * @param hosts        what the daemon config says per registry host (mirrors, plain HTTP, TLS); a host it does
 *                     not name gets {@link HostSettings#DEFAULT}
 */
public record RegistryOptions(Duration stallTimeout, Map<HostPort, HostSettings> hosts) {
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

  public RegistryOptions {
    if (stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("the registry timeout must be positive, not " + stallTimeout);
    }
    hosts = Map.copyOf(hosts);
  }

  public RegistryOptions(Duration stallTimeout) {
    this(stallTimeout, Map.of());
  }

  public static RegistryOptions defaults() {
    return new RegistryOptions(DEFAULT_STALL_TIMEOUT);
  }

  public HostSettings settings(HostPort host) {
    return hosts.getOrDefault(host, HostSettings.DEFAULT);
  }
}

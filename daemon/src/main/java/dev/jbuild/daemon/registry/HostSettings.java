package dev.jbuild.daemon.registry;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How one registry host is reached, as a {@code [registry."host[:port]"]} table of the daemon config sets it.
 *
 * @param mirrors  hosts asked for this registry's images before it, in order, with the same repository path
 * @param http     plain HTTP allowed (loopback hosts always allow it)
 * @param insecure HTTPS without verifying the host's certificate
 * @param ca       CA certificates trusted for this host's certificate, besides the JVM's
 */
public record HostSettings(List<HostPort> mirrors, boolean http, boolean insecure, List<X509Certificate> ca) {
  /** A host the config does not name. */
  public static final HostSettings DEFAULT = new HostSettings(List.of(), false, false, List.of());

  public HostSettings {
    mirrors = List.copyOf(mirrors);
    ca = List.copyOf(ca);
  }
}

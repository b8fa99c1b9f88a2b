package dev.jbuild.daemon.registry;

/**
 * Where one registry's API is called and whether security may be relaxed for it.
 *
 * <p>jib-core has one switch for both relaxations: its FailoverHttpClient tries verified HTTPS, then HTTPS
 * without verification, then plain HTTP. So {@code http = true} and {@code insecure = true} both turn it on, and
 * loopback registries have it on without being told, as Docker counts 127.0.0.0/8 among its insecure registries.
 * Credentials go over plain HTTP to loopback registries only (as docker sends them).
 *
 * @param registry the registry as the image name writes it (a mirror's own name when asking a mirror)
 * @param server   the host[:port] jib calls: Docker Hub's API lives at registry-1.docker.io
 * @param relaxed  unverified HTTPS and plain HTTP allowed
 */
record Endpoint(String registry, HostPort server, boolean relaxed) {

  /** @throws RegistryException when {@code registry} is not a host[:port] */
  static Endpoint of(String registry, RegistryOptions options) throws RegistryException {
    HostPort address;
    try {
      address = HostPort.parse(registry);
    } catch (IllegalArgumentException e) {
      throw new RegistryException("registry " + e.getMessage());
    }
    HostSettings settings = options.settings(address);
    HostPort server = address.host().equals("docker.io") ? new HostPort("registry-1.docker.io", address.port())
        : address;
    return new Endpoint(registry, server, Loopback.is(address) || settings.http() || settings.insecure());
  }

  /** The peer a TLS handshake with this endpoint names: host:port, port 443 when none is written. */
  String tlsPeer() {
    return TlsPeer.of(server.host(), server.httpsPort());
  }
}

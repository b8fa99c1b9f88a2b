package dev.jbuild.client.credentials;

import java.util.Map;
import java.util.Optional;

/**
 * How docker names a registry in config.json: Docker Hub is {@code https://index.docker.io/v1/}, any other
 * registry its {@code host[:port]}. A key written as a URL ({@code https://host:5000/v2/}) matches its host.
 */
final class RegistryKeys {
  static final String DOCKER_HUB = "https://index.docker.io/v1/";

  private RegistryKeys() {}

  /** The key for a registry as image names write it ("docker.io", "ghcr.io", "127.0.0.1:5000"). */
  static String forHost(String host) {
    return switch (host) {
      case "docker.io", "index.docker.io", "registry-1.docker.io" -> DOCKER_HUB;
      default -> host;
    };
  }

  /** {@code key}'s entry: the exact key first, else the first key naming the same host. */
  static <V> Optional<V> lookup(Map<String, V> entries, String key) {
    V exact = entries.get(key);
    if (exact != null) {
      return Optional.of(exact);
    }
    String host = hostOf(key);
    for (Map.Entry<String, V> e : entries.entrySet()) {
      if (hostOf(e.getKey()).equals(host)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** {@code https://host:5000/v1/} to {@code host:5000} (docker's ConvertToHostname). */
  static String hostOf(String key) {
    String s = key;
    if (s.startsWith("http://")) {
      s = s.substring("http://".length());
    } else if (s.startsWith("https://")) {
      s = s.substring("https://".length());
    }
    int slash = s.indexOf('/');
    return slash < 0 ? s : s.substring(0, slash);
  }
}

package dev.jbuild.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.daemon.registry.HostPort;
import dev.jbuild.daemon.registry.HostSettings;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code [registry."host[:port]"]} tables, as buildkitd.toml writes them:
 * <pre>
 * [registry."docker.io"]
 *   mirrors = ["mirror.example:5000"]   # asked first, in order, then docker.io itself
 * [registry."mirror.example:5000"]
 *   http = true                         # plain HTTP allowed
 *   insecure = true                     # HTTPS without verifying the certificate
 *   ca = ["/etc/jbuild/certs/ca.pem"]   # CA certificates trusted for this host (relative: to this file)
 * </pre>
 */
final class RegistryTable {
  private static final Set<String> KEYS = Set.of("mirrors", "http", "insecure", "ca");

  private RegistryTable() {}

  static Map<HostPort, HostSettings> read(JsonNode value, KeyPath at, ConfigSource source) throws ConfigException {
    ObjectNode table = source.table(value, at);
    Map<HostPort, HostSettings> hosts = new LinkedHashMap<>();
    for (var entry : table.properties()) {
      KeyPath key = at.child(entry.getKey());
      HostPort host;
      try {
        host = HostPort.parse(entry.getKey());
      } catch (IllegalArgumentException e) {
        throw source.error(key, e.getMessage());
      }
      if (hosts.containsKey(host)) {
        throw source.error(key, "the same host as another table here (" + host + ")");
      }
      hosts.put(host, host(source.table(entry.getValue(), key), key, source));
    }
    return hosts;
  }

  private static HostSettings host(ObjectNode table, KeyPath at, ConfigSource source) throws ConfigException {
    source.onlyKeys(table, at, KEYS);
    List<HostPort> mirrors = new ArrayList<>();
    if (table.has("mirrors")) {
      KeyPath key = at.child("mirrors");
      for (String mirror : source.strings(table.get("mirrors"), key)) {
        try {
          mirrors.add(HostPort.parse(mirror));
        } catch (IllegalArgumentException e) {
          throw source.error(key, "mirror " + e.getMessage());
        }
      }
    }
    boolean http = table.has("http") && source.bool(table.get("http"), at.child("http"));
    boolean insecure = table.has("insecure") && source.bool(table.get("insecure"), at.child("insecure"));
    List<X509Certificate> ca = new ArrayList<>();
    if (table.has("ca")) {
      KeyPath key = at.child("ca");
      for (String file : source.strings(table.get("ca"), key)) {
        try {
          ca.addAll(CaCertificates.read(source.resolve(file)));
        } catch (IllegalArgumentException e) {
          throw source.error(key, e.getMessage());
        }
      }
    }
    return new HostSettings(mirrors, http, insecure, ca);
  }
}

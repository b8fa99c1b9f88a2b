package dev.jbuild.daemon.registry;

import java.util.Locale;

/** The key a TLS peer is known by here: lower-case host without IPv6 brackets, a colon, the port. */
final class TlsPeer {
  private TlsPeer() {}

  static String of(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h + ":" + port;
  }
}

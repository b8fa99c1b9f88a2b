package dev.jbuild.daemon.registry;

import java.util.regex.Pattern;

/**
 * Registries on this machine (localhost, 127.0.0.0/8, ::1): Docker talks to them over plain HTTP without being
 * told, and so do we; every other registry is HTTPS only.
 */
final class Loopback {
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private Loopback() {}

  /** @param registry host, host:port or [v6]:port as written in an image name */
  static boolean is(String registry) {
    String host = registry;
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? host : host.substring(1, end);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return host.equals("localhost") || host.equals("::1") || IPV4_LOOPBACK.matcher(host).matches();
  }
}

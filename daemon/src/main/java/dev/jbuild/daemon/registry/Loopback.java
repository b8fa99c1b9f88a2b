package dev.jbuild.daemon.registry;

import java.util.regex.Pattern;

/**
 * Registries on this machine (localhost, 127.0.0.0/8, ::1): Docker talks to them over plain HTTP without being
 * told, and so do we; every other registry is HTTPS only unless the daemon config says otherwise.
 */
final class Loopback {
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private Loopback() {}

  static boolean is(HostPort address) {
    String host = address.host();
    return host.equals("localhost") || host.equals("::1") || IPV4_LOOPBACK.matcher(host).matches();
  }
}

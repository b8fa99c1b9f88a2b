package dev.jbuild.daemon.registry;

import java.util.regex.Pattern;

/**
 * A registry's address as image names and the daemon config write it: {@code host}, {@code host:port} or
 * {@code [v6]:port}, without scheme or path.
 *
 * @param host the host name or address, lower case, without the brackets of an IPv6 address
 * @param port the port, or -1 when none is written (HTTPS then means 443)
 */
public record HostPort(String host, int port) {
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

  /** @throws IllegalArgumentException saying what is wrong with {@code text} */
  public static HostPort parse(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty host name");
    }
    if (text.contains("://")) {
      throw new IllegalArgumentException("\"" + text + "\" has a scheme; write host[:port] (http = true in the"
          + " host's own table allows plain HTTP)");
    }
    if (text.contains("/")) {
      throw new IllegalArgumentException("\"" + text + "\" has a path; write host[:port]");
    }
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    String host = lower;
    String port = null;
    if (lower.startsWith("[")) {
      int end = lower.indexOf(']');
      if (end < 0 || !IPV6.matcher(lower.substring(1, end)).matches()) {
        throw new IllegalArgumentException("\"" + text + "\" is not a valid [IPv6 address]");
      }
      host = lower.substring(1, end);
      if (end + 1 < lower.length()) {
        if (lower.charAt(end + 1) != ':') {
          throw new IllegalArgumentException("\"" + text + "\": only :port may follow ]");
        }
        port = lower.substring(end + 2);
      }
    } else {
      int colon = lower.indexOf(':');
      if (colon >= 0) {
        host = lower.substring(0, colon);
        port = lower.substring(colon + 1);
      }
      if (!NAME.matcher(host).matches()) {
        throw new IllegalArgumentException("\"" + text + "\" is not a valid host name (letters, digits, dots and"
            + " dashes)");
      }
    }
    return new HostPort(host, port == null ? -1 : port(text, port));
  }

  private static int port(String text, String port) {
    int value = -1;
    if (port.matches("[0-9]{1,5}")) {
      value = Integer.parseInt(port);
    }
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException("\"" + text + "\": the port must be a number from 1 to 65535");
    }
    return value;
  }

  /** The canonical text: host (bracketed when IPv6) and :port when one was written. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + (port < 0 ? "" : ":" + port);
  }

  /** The port HTTPS connects to: the written one, else 443. */
  public int httpsPort() {
    return port < 0 ? 443 : port;
  }
}

package dev.jbuild.client.daemon;

import java.net.URI;
import java.net.URISyntaxException;

/** Where a daemon listens: {@code unix:///path/to/socket} or {@code tcp://host:port} (plaintext for now). */
public record DaemonAddress(String original, String socketPath, String host, int port) {

  public static final String DEFAULT = "unix:///run/jbuild/jbuildd.sock";

  public static DaemonAddress parse(String address) {
    if (address.startsWith("unix://")) {
      String path = address.substring("unix://".length());
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("invalid daemon address \"" + address
            + "\": a unix socket needs an absolute path, e.g. unix:///run/jbuild/jbuildd.sock");
      }
      return new DaemonAddress(address, path, null, 0);
    }
    if (address.startsWith("tcp://")) {
      try {
        URI uri = new URI(address);
        if (uri.getHost() == null || uri.getPort() < 0) {
          throw new IllegalArgumentException("invalid daemon address \"" + address
              + "\": use tcp://HOST:PORT");
        }
        return new DaemonAddress(address, null, uri.getHost(), uri.getPort());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("invalid daemon address \"" + address + "\": " + e.getReason());
      }
    }
    throw new IllegalArgumentException("invalid daemon address \"" + address
        + "\": use unix:///path/to/socket or tcp://host:port");
  }

  public boolean isUnix() {
    return socketPath != null;
  }

  @Override
  public String toString() {
    return original;
  }
}

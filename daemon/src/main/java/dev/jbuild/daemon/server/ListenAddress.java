package dev.jbuild.daemon.server;

import java.net.URI;
import java.nio.file.Path;

/** Where the daemon listens: {@code unix:///path/to.sock} or {@code tcp://host:port}. */
public sealed interface ListenAddress {
  record Unix(Path socket) implements ListenAddress {
    @Override
    public String toString() {
      return "unix://" + socket;
    }
  }

  record Tcp(String host, int port) implements ListenAddress {
    @Override
    public String toString() {
      return "tcp://" + host + ":" + port;
    }
  }

  /** @throws IllegalArgumentException naming the flag value and the forms accepted */
  static ListenAddress parse(String addr) {
    if (addr.startsWith("unix://")) {
      String path = addr.substring("unix://".length());
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("--addr " + addr + ": a unix socket path must be absolute");
      }
      return new Unix(Path.of(path));
    }
    if (addr.startsWith("tcp://")) {
      URI u = URI.create(addr);
      if (u.getHost() == null || u.getPort() < 0) {
        throw new IllegalArgumentException("--addr " + addr + ": want tcp://HOST:PORT");
      }
      if (!isLoopback(u.getHost())) {
        // plaintext gRPC would hand the daemon (root) to anyone on the network: mutual TLS comes first
        throw new IllegalArgumentException("--addr " + addr
            + ": tcp:// is only served on a loopback address until jbuildd has mutual TLS");
      }
      return new Tcp(u.getHost(), u.getPort());
    }
    throw new IllegalArgumentException("--addr " + addr + ": want unix:///path or tcp://host:port");
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("--addr: unknown host " + host);
    }
  }
}

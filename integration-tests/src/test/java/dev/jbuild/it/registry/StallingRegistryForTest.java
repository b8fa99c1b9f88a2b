package dev.jbuild.it.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A test double whose whole point is to stall: a loopback TCP server that accepts connections, holds them
 * open and never sends a byte, as a registry behind a hung load balancer does.
 */
public final class StallingRegistryForTest implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> held = new ArrayList<>(); // guarded by itself

  private StallingRegistryForTest(ServerSocket server) {
    this.server = server;
  }

  public static StallingRegistryForTest start() throws IOException {
    StallingRegistryForTest stalling = new StallingRegistryForTest(
        new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread t = new Thread(stalling::acceptForever, "stalling-registry");
    t.setDaemon(true);
    t.start();
    return stalling;
  }

  /** host:port, as an image name starts. */
  public String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Connections accepted so far. */
  public int accepted() {
    synchronized (held) {
      return held.size();
    }
  }

  private void acceptForever() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (held) {
          held.add(s);
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (held) {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}

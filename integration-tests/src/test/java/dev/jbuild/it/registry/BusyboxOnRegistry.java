package dev.jbuild.it.registry;

import dev.jbuild.it.JbuildDaemon;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What RUN-level tests start from: a real registry on loopback serving the busybox test image, and a daemon
 * that builds on it. Lifecycle: {@link #start}, builds against {@link #daemon()} FROM {@link #busybox()},
 * {@link #close} (the daemon, then the registry).
 */
public final class BusyboxOnRegistry implements AutoCloseable {
  private final TestRegistry registry;
  private final JbuildDaemon daemon;
  private final String busybox;

  private BusyboxOnRegistry(TestRegistry registry, JbuildDaemon daemon, String busybox) {
    this.registry = registry;
    this.daemon = daemon;
    this.busybox = busybox;
  }

  /** Starts both under {@code dir} and publishes busybox (built by a daemon of jbuild, pushed with skopeo). */
  public static BusyboxOnRegistry start(Path dir) throws IOException, InterruptedException {
    TestRegistry registry = TestRegistry.start(dir.resolve("registry"));
    JbuildDaemon daemon = null;
    try {
      daemon = JbuildDaemon.start(dir.resolve("root"));
      String busybox = BusyboxImage.publish(daemon, registry, dir.resolve("busybox")).reference();
      return new BusyboxOnRegistry(registry, daemon, busybox);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (daemon != null) {
        daemon.close();
      }
      registry.close();
      throw e;
    }
  }

  public JbuildDaemon daemon() {
    return daemon;
  }

  /** The busybox test image's reference in the registry, e.g. 127.0.0.1:PORT/busybox:latest. */
  public String busybox() {
    return busybox;
  }

  @Override
  public void close() throws InterruptedException {
    daemon.close();
    registry.close();
  }
}

package dev.jbuild.client.daemon;

import dev.jbuild.proto.BuildInfo;
import dev.jbuild.proto.control.InfoResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Finds the daemon to talk to. An explicit address (--host, else JBUILD_HOST) is used as is. Otherwise the
 * default socket is used, and when nothing answers there a local daemon is started (the embedded default);
 * a daemon that a client auto-started from another installed build (different build id) is replaced.
 */
public final class DaemonLocator {

  static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final Map<String, String> env;
  private final String defaultAddress;
  private final DaemonLauncher launcher;
  private final Duration startTimeout;
  private final String buildId;

  public DaemonLocator(Map<String, String> env, String defaultAddress, DaemonLauncher launcher,
      Duration startTimeout, String buildId) {
    this.env = env;
    this.defaultAddress = defaultAddress;
    this.launcher = launcher;
    this.startTimeout = startTimeout;
    this.buildId = buildId;
  }

  /** The locator for this process: the default address may be moved by -Djbuild.default.host (tests). */
  public static DaemonLocator forThisProcess() {
    Map<String, String> env = System.getenv();
    return new DaemonLocator(env, System.getProperty("jbuild.default.host", DaemonAddress.DEFAULT),
        DaemonLauncher.fromEnvironment(env, System.getProperty("jbuild.home")), Duration.ofSeconds(30),
        BuildInfo.current().buildId());
  }

  /** Returns a connection to a daemon that answered Info; the caller closes it. */
  public DaemonConnection connect(String hostFlag) throws DaemonUnreachableException, IOException,
      InterruptedException {
    String explicit = hostFlag != null ? hostFlag : env.get("JBUILD_HOST");
    if (explicit != null && !explicit.isBlank()) {
      DaemonConnection connection = DaemonConnection.open(DaemonAddress.parse(explicit));
      try {
        connection.info();
        return connection;
      } catch (DaemonUnreachableException e) {
        connection.close();
        throw e;
      }
    }
    return connectToDefault(DaemonAddress.parse(defaultAddress));
  }

  private DaemonConnection connectToDefault(DaemonAddress address) throws DaemonUnreachableException,
      IOException, InterruptedException {
    DaemonConnection connection = DaemonConnection.open(address);
    try {
      InfoResponse info = connection.info();
      if (!info.getAutoStarted() || info.getBuildId().equals(buildId)) {
        return connection;
      }
      connection.close();
      launcher.stop(info.getPid(), address, Duration.ofSeconds(30));
    } catch (DaemonUnreachableException e) {
      connection.close();
      if (e.getMessage().contains("ermission denied")) {
        throw e; // someone else's daemon: starting another would not help
      }
    }
    return startAndWait(address);
  }

  private DaemonConnection startAndWait(DaemonAddress address) throws IOException, InterruptedException,
      DaemonUnreachableException {
    Path log = launcher.start(address);
    long deadline = System.nanoTime() + startTimeout.toNanos();
    DaemonUnreachableException last = null;
    while (System.nanoTime() < deadline) {
      DaemonConnection connection = DaemonConnection.open(address);
      try {
        connection.info();
        return connection;
      } catch (DaemonUnreachableException e) {
        connection.close();
        last = e;
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    throw new DaemonUnreachableException(address, "started jbuildd but it did not answer within "
        + startTimeout.toSeconds() + "s (" + (last == null ? "" : last.getMessage() + "; ") + "see " + log + ")");
  }
}

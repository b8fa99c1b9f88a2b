package dev.jbuild.daemon;

import dev.jbuild.daemon.config.ConfigException;
import dev.jbuild.daemon.config.DaemonConfig;
import dev.jbuild.daemon.registry.RegistryOptions;
import dev.jbuild.daemon.server.ListenAddress;
import dev.jbuild.proto.BuildInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jbuildd}: the jbuild daemon. */
@Command(name = "jbuildd", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "The jbuild daemon: takes builds from jbuild clients over gRPC.")
public final class Main implements Callable<Integer> {

  @Option(names = "--addr", defaultValue = "unix:///run/jbuild/jbuildd.sock",
      description = "Where to listen: unix:///path or tcp://host:port (default: ${DEFAULT-VALUE}).")
  String addr;

  @Option(names = "--root", defaultValue = "/var/lib/jbuild",
      description = "State directory (default: ${DEFAULT-VALUE}). One daemon per root.")
  Path root;

  @Option(names = "--max-parallelism", defaultValue = "0",
      description = "Steps run at once (default: 0 = twice the cores).")
  int maxParallelism;

  @Option(names = "--snapshotter", defaultValue = "auto",
      description = "auto (overlayfs where overlay mounts work, else native), overlayfs, or native (copying).")
  String snapshotter;

  @Option(names = "--registry-timeout",
      description = "Seconds a registry may send nothing before a pull fails (default: registry-timeout in the"
          + " config file, else 30).")
  Integer registryTimeoutSeconds;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Config file: registry mirrors, plain HTTP, TLS CAs (default: /etc/jbuild/jbuildd.toml, when"
          + " it exists).")
  Path config;

  @Option(names = "--auto-started", hidden = true, description = "Started by a client as the embedded default.")
  boolean autoStarted;

  @Override
  public Integer call() throws Exception {
    ListenAddress address;
    try {
      address = ListenAddress.parse(addr);
    } catch (IllegalArgumentException e) {
      System.err.println("jbuildd: " + e.getMessage());
      return 2;
    }
    if (registryTimeoutSeconds != null && registryTimeoutSeconds <= 0) {
      System.err.println("jbuildd: --registry-timeout: must be a positive number of seconds");
      return 2;
    }
    RegistryOptions registries;
    try {
      DaemonConfig file = config == null ? DaemonConfig.load(DaemonConfig.DEFAULT_PATH, false)
          : DaemonConfig.load(config, true);
      registries = file.registryOptions(Optional.ofNullable(registryTimeoutSeconds).map(Duration::ofSeconds));
    } catch (ConfigException e) {
      System.err.println("jbuildd: " + e.getMessage());
      return 2;
    }
    int parallel = maxParallelism > 0 ? maxParallelism : 2 * Runtime.getRuntime().availableProcessors();
    Daemon daemon;
    try {
      daemon = Daemon.start(new Daemon.Options(root, address, parallel, autoStarted, snapshotter, registries));
    } catch (java.io.IOException e) {
      System.err.println("jbuildd: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      daemon.close();
      stopped.countDown();
    }, "shutdown"));
    daemon.awaitTermination();
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Version and build id, as the client compares them. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"jbuildd " + BuildInfo.current().version() + " (build " + BuildInfo.current().buildId() + ")"};
    }
  }
}

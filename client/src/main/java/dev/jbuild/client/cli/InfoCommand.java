package dev.jbuild.client.cli;

import dev.jbuild.client.daemon.DaemonConnection;
import dev.jbuild.client.daemon.DaemonLocator;
import dev.jbuild.proto.control.InfoResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jbuild info}: who the daemon is and where it keeps its state. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show information about the daemon.")
public final class InfoCommand implements Callable<Integer> {

  @Mixin
  HostOption host;

  @Override
  public Integer call() throws Exception {
    try (DaemonConnection daemon = DaemonLocator.forThisProcess().connect(host.host())) {
      InfoResponse info = daemon.info();
      System.out.println("Address:      " + daemon.address());
      System.out.println("Version:      " + info.getVersion());
      System.out.println("Build:        " + info.getBuildId());
      System.out.println("Root:         " + info.getRoot());
      System.out.println("Snapshotter:  " + info.getSnapshotter());
      System.out.println("PID:          " + info.getPid());
      System.out.println("Auto-started: " + info.getAutoStarted());
      return 0;
    }
  }
}

package dev.jbuild.client.cli;

import dev.jbuild.client.daemon.DaemonAddress;
import dev.jbuild.client.daemon.DaemonConnection;
import dev.jbuild.client.daemon.DaemonUnreachableException;
import dev.jbuild.proto.BuildInfo;
import dev.jbuild.proto.control.InfoResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jbuild version}: this client's version and build, and the daemon's if one answers (never starts one). */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Show the client's version, and the daemon's if it is running.")
public final class VersionCommand implements Callable<Integer> {

  @Mixin
  HostOption host;

  @Override
  public Integer call() {
    BuildInfo client = BuildInfo.current();
    System.out.println("Client:");
    System.out.println(" Version: " + client.version());
    System.out.println(" Build:   " + client.buildId());
    String address = host.host() != null ? host.host()
        : System.getenv().getOrDefault("JBUILD_HOST", System.getProperty("jbuild.default.host", DaemonAddress.DEFAULT));
    System.out.println("Daemon (" + address + "):");
    try (DaemonConnection daemon = DaemonConnection.open(DaemonAddress.parse(address))) {
      InfoResponse info = daemon.info();
      System.out.println(" Version: " + info.getVersion());
      System.out.println(" Build:   " + info.getBuildId());
    } catch (DaemonUnreachableException e) {
      System.out.println(" not running (" + e.getMessage() + ")");
    }
    return 0;
  }
}

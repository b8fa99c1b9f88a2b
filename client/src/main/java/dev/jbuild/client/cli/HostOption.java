package dev.jbuild.client.cli;

import picocli.CommandLine.Option;

/** --host, shared by every subcommand that talks to the daemon. */
public final class HostOption {

  @Option(names = "--host", paramLabel = "ADDR",
      description = "Daemon address: unix:///path/to/socket or tcp://host:port. Default: $JBUILD_HOST, "
          + "else the local daemon (started on demand).")
  String host;

  public String host() {
    return host;
  }
}

package dev.jbuild.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jbuild debug}: views of the daemon's internals for people working on jbuild. */
@Command(name = "debug", mixinStandardHelpOptions = true, description = "Inspect how the daemon reads things.",
    subcommands = {DebugParseCommand.class})
public final class DebugCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: parse");
  }
}

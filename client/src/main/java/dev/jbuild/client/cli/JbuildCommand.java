package dev.jbuild.client.cli;

import dev.jbuild.proto.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code jbuild} command: a container image builder talking to jbuildd. */
@Command(name = "jbuild", mixinStandardHelpOptions = true, versionProvider = JbuildCommand.Version.class,
    description = "Builds container images from Dockerfiles, running independent steps at the same time.",
    subcommands = {BuildCommand.class, GraphCommand.class, ImagesCommand.class, InfoCommand.class,
        DebugCommand.class, VersionCommand.class},
    footer = {"", "Environment:", "  JBUILD_HOST  daemon address used when --host is not given"})
public final class JbuildCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: build, graph, images, info, debug or version");
  }

  /** --version on the top command. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      BuildInfo b = BuildInfo.current();
      return new String[] {"jbuild " + b.version() + " (build " + b.buildId() + ")"};
    }
  }
}

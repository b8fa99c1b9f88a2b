package dev.jbuild.client.cli;

import dev.jbuild.client.credentials.DockerCredentials;
import dev.jbuild.client.daemon.DaemonConnection;
import dev.jbuild.client.daemon.DaemonLocator;
import dev.jbuild.client.progress.ProgressMode;
import dev.jbuild.client.progress.ProgressRenderer;
import dev.jbuild.client.session.BuildOutcome;
import dev.jbuild.client.session.BuildSession;
import dev.jbuild.client.session.OutputWriters;
import dev.jbuild.proto.control.BuildResult;
import dev.jbuild.proto.control.KeyValue;
import dev.jbuild.proto.control.Output;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild build}: docker build's flags, a build session with the daemon, exit 0 or 1. */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Build an image from a Dockerfile and a context directory.")
public final class BuildCommand implements Callable<Integer> {

  /** The parsed flags, in docker build's names. */
  static final class Flags {
    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Name and optionally a tag (name:tag); repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "DOCKERFILE",
        description = "The Dockerfile (default: CONTEXT/Dockerfile; relative to the current directory; - for stdin).")
    String file;

    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]",
        description = "A build-time variable; KEY alone takes its value from the environment. Repeatable.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "The stage to build.")
    String target;

    @Option(names = "--no-cache", description = "Do not use the cache.")
    boolean noCache;

    @Option(names = "--pull", description = "Always look for newer versions of base images.")
    boolean pull;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
        description = "auto, tty, plain or rawjson (default: ${DEFAULT-VALUE}). Progress goes to stderr.")
    ProgressMode progress;

    @Option(names = {"-o", "--output"}, paramLabel = "SPEC",
        description = "type=oci,dest=PATH | type=docker,dest=PATH | type=image | PATH (type=local). dest=- is stdout.")
    List<String> outputs = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
    String context;
  }

  @Mixin
  Flags flags = new Flags();

  @Mixin
  HostOption host;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    Path home = Paths.get(System.getenv().getOrDefault("HOME", System.getProperty("user.home")));
    BuildRequestFactory.PreparedBuild build = new BuildRequestFactory(System.getenv(), home, System.in)
        .prepare(flags);
    refuseBinaryToTerminal(build.request().getOutputsList());
    try (DaemonConnection daemon = DaemonLocator.forThisProcess().connect(host.host())) {
      ProgressRenderer renderer = flags.progress.newRenderer(err, ProgressMode.Clock.SYSTEM);
      BuildSession session = new BuildSession(build.request(), build.contextDir(), renderer,
          new OutputWriters(build.request().getOutputsList(), System.out),
          DockerCredentials.of(System.getenv(), home));
      // Ctrl-C: cancel the call so the daemon stops this build's work, and let the last lines print.
      Thread onCtrlC = new Thread(() -> {
        session.cancel("interrupted by the user");
        session.awaitQuietly(Duration.ofMillis(500));
      }, "jbuild-cancel");
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      session.start(daemon.async());
      BuildOutcome outcome = session.await();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        return 130;
      }
      if (!outcome.succeeded()) {
        throw new UserException(outcome.errorMessage());
      }
      printResult(err, outcome.result());
      return 0;
    }
  }

  private static void printResult(PrintStream err, BuildResult result) {
    if (result == null) {
      return;
    }
    if (!result.getConfigDigest().isEmpty()) {
      err.println("writing image " + result.getConfigDigest() + " done");
    }
    for (String tag : result.getTagsList()) {
      err.println("naming to " + tag + " done");
    }
    if (!result.getImageDigest().isEmpty()) {
      err.println("image digest " + result.getImageDigest());
    }
  }

  /** Like docker: an image tarball on stdout makes sense only when stdout is redirected. */
  private static void refuseBinaryToTerminal(List<Output> outputs) throws UserException {
    for (Output o : outputs) {
      for (KeyValue kv : o.getAttrsList()) {
        if (kv.getKey().equals("dest") && kv.getValue().equals("-") && System.console() != null) {
          throw new UserException("refusing to write the type=" + o.getType()
              + " output to the terminal; redirect stdout (> file) or use dest=PATH");
        }
      }
    }
  }
}

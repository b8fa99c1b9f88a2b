package dev.jbuild.client.cli;

import com.google.protobuf.ByteString;
import dev.jbuild.client.daemon.DaemonConnection;
import dev.jbuild.client.daemon.DaemonLocator;
import dev.jbuild.proto.control.GraphRequest;
import dev.jbuild.proto.control.GraphResponse;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild graph}: the daemon converts the Dockerfile and this prints its step graph, nothing is built. */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print the step graph of a Dockerfile without building it.",
        "text: the stages and their steps, the longest chain of dependent steps, and which stages can run "
            + "side by side. dot: Graphviz source with one cluster per stage (render with dot -Tsvg)."})
public final class GraphCommand implements Callable<Integer> {

  /** Output formats of the Graph call. */
  enum Format { TEXT, DOT }

  @Option(names = {"-f", "--file"}, paramLabel = "DOCKERFILE",
      description = "The Dockerfile (default: CONTEXT/Dockerfile; relative to the current directory).")
  String file;

  @Option(names = "--target", paramLabel = "STAGE", description = "The stage to build.")
  String target;

  @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]",
      description = "A build-time variable; KEY alone takes its value from the environment. Repeatable.")
  List<String> buildArgs = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text or dot (default: ${DEFAULT-VALUE}).")
  Format format;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONTEXT", defaultValue = ".",
      description = "The build context directory (default: the current directory).")
  String context;

  @Mixin
  HostOption host;

  @Override
  public Integer call() throws Exception {
    Path contextDir = BuildRequestFactory.contextDir(context);
    Path dockerfile = file == null ? contextDir.resolve("Dockerfile") : Paths.get(file).toAbsolutePath();
    GraphRequest request = GraphRequest.newBuilder()
        .setDockerfileName(file == null ? "Dockerfile" : file)
        .setDockerfile(ByteString.copyFrom(BuildRequestFactory.readDockerfile(dockerfile)))
        .setTarget(target == null ? "" : target)
        .addAllBuildArgs(BuildArgs.parse(buildArgs, System.getenv()))
        .setFormat(format.name().toLowerCase(Locale.ROOT))
        .build();
    try (DaemonConnection daemon = DaemonLocator.forThisProcess().connect(host.host())) {
      GraphResponse response;
      try {
        response = daemon.blocking(Duration.ofSeconds(60)).graph(request);
      } catch (StatusRuntimeException e) {
        throw new UserException(CallErrors.describe(daemon, e));
      }
      System.out.print(response.getRendering());
      return 0;
    }
  }
}

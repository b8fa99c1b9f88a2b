package dev.jbuild.client.cli;

import com.google.protobuf.ByteString;
import dev.jbuild.client.daemon.DaemonConnection;
import dev.jbuild.client.daemon.DaemonLocator;
import dev.jbuild.proto.control.BuildWarning;
import dev.jbuild.proto.control.ParseRequest;
import dev.jbuild.proto.control.ParseResponse;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jbuild debug parse FILE}: the daemon's parser dump (BuildKit's format) on stdout, warnings on stderr. */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = "Print how the daemon's parser reads a Dockerfile, in BuildKit's AST dump format.")
public final class DebugParseCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The Dockerfile.")
  String file;

  @Mixin
  HostOption host;

  @Override
  public Integer call() throws Exception {
    Path path = Paths.get(file).toAbsolutePath();
    if (!Files.isRegularFile(path)) {
      throw new UserException("cannot read " + path + ": " + (Files.exists(path) ? "not a file" : "no such file"));
    }
    ParseRequest request = ParseRequest.newBuilder().setDockerfileName(file)
        .setDockerfile(ByteString.copyFrom(Files.readAllBytes(path))).build();
    try (DaemonConnection daemon = DaemonLocator.forThisProcess().connect(host.host())) {
      ParseResponse response;
      try {
        response = daemon.blocking(Duration.ofSeconds(60)).parse(request);
      } catch (StatusRuntimeException e) {
        throw new UserException(CallErrors.describe(daemon, e));
      }
      for (BuildWarning w : response.getWarningsList()) {
        System.err.println("WARNING: " + w.getLocation().getFile() + ":" + w.getLocation().getStartLine() + ": "
            + w.getMessage());
      }
      System.out.print(response.getDump());
      return 0;
    }
  }
}

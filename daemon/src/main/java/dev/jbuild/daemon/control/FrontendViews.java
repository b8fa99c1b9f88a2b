package dev.jbuild.daemon.control;

import dev.jbuild.daemon.frontend.BuildArg;
import dev.jbuild.daemon.frontend.ConvertRequest;
import dev.jbuild.daemon.frontend.ConvertResult;
import dev.jbuild.daemon.frontend.DockerfileException;
import dev.jbuild.daemon.frontend.DockerfileFrontend;
import dev.jbuild.daemon.frontend.FrontendWarning;
import dev.jbuild.daemon.frontend.ParseResult;
import dev.jbuild.daemon.frontend.graph.GraphDot;
import dev.jbuild.daemon.frontend.graph.GraphText;
import dev.jbuild.daemon.frontend.graph.StageView;
import dev.jbuild.daemon.graph.InvalidGraphException;
import dev.jbuild.daemon.graph.StepGraph;
import dev.jbuild.daemon.session.RegistryCredential;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.control.BuildWarning;
import dev.jbuild.proto.control.GraphRequest;
import dev.jbuild.proto.control.GraphResponse;
import dev.jbuild.proto.control.ParseRequest;
import dev.jbuild.proto.control.ParseResponse;
import dev.jbuild.proto.ops.SourceLocation;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The Parse and Graph calls: the frontend's views of a Dockerfile, computed without building. A Dockerfile
 * error is INVALID_ARGUMENT with the "Dockerfile:LINE: message" text; an unknown --format too.
 */
final class FrontendViews {
  /** Graph is one request and one answer: there is no session to ask the client for registry logins. */
  private static final RegistryCredentials NO_SESSION = new RegistryCredentials() {
    @Override
    public Optional<RegistryCredential> forHost(String host) throws IOException {
      throw new IOException("jbuild graph does not send registry logins");
    }

    @Override
    public Optional<RegistryCredential> given(String host) {
      return Optional.empty();
    }
  };

  private final DockerfileFrontend frontend;

  FrontendViews(DockerfileFrontend frontend) {
    this.frontend = frontend;
  }

  ParseResponse parse(ParseRequest request) throws StatusException {
    try {
      ParseResult result = frontend.parse(request.getDockerfileName(), request.getDockerfile().toByteArray());
      ParseResponse.Builder response = ParseResponse.newBuilder().setDump(result.dump());
      for (FrontendWarning w : result.warnings()) {
        response.addWarnings(BuildWarning.newBuilder().setMessage(w.message()).setLocation(SourceLocation
            .newBuilder().setFile(w.file()).setStartLine(w.line()).setEndLine(w.line())));
      }
      return response.build();
    } catch (DockerfileException e) {
      throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException();
    }
  }

  GraphResponse graph(GraphRequest request) throws StatusException {
    String format = request.getFormat().isEmpty() ? "text" : request.getFormat();
    if (!format.equals("text") && !format.equals("dot")) {
      throw Status.INVALID_ARGUMENT.withDescription("unknown graph format \"" + format + "\" (text or dot)")
          .asException();
    }
    List<BuildArg> args = request.getBuildArgsList().stream().map(kv -> new BuildArg(kv.getKey(), kv.getValue()))
        .toList();
    ConvertResult result;
    StepGraph graph;
    try {
      result = frontend.graph(new ConvertRequest(request.getDockerfileName(), request.getDockerfile().toByteArray(),
          args, request.getTarget(), false, List.of(), NO_SESSION));
      graph = StepGraph.load(result.definition());
    } catch (DockerfileException e) {
      throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException();
    } catch (InvalidGraphException e) {
      throw Status.INTERNAL.withDescription("the frontend made an invalid step graph: " + e.getMessage())
          .asException();
    }
    StageView view = new StageView(graph);
    StringBuilder rendering = new StringBuilder(format.equals("dot") ? GraphDot.render(view, graph)
        : GraphText.render(view));
    String prefix = format.equals("dot") ? "// warning: " : "Warning: ";
    for (FrontendWarning w : result.warnings()) {
      rendering.append(prefix).append(w.line() > 0 ? w.file() + ":" + w.line() + ": " : "").append(w.message())
          .append('\n');
    }
    return GraphResponse.newBuilder().setRendering(rendering.toString()).setDefinition(result.definition()).build();
  }
}

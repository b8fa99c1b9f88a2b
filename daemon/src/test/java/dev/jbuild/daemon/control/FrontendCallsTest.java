package dev.jbuild.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.jbuild.daemon.frontend.DockerfileFrontend;
import dev.jbuild.daemon.frontend.NoRegistryImageMetaResolver;
import dev.jbuild.daemon.images.ImageStore;
import dev.jbuild.daemon.session.ContextStore;
import dev.jbuild.metadata.MetadataDb;
import dev.jbuild.proto.control.ControlGrpc;
import dev.jbuild.proto.control.GraphRequest;
import dev.jbuild.proto.control.GraphResponse;
import dev.jbuild.proto.control.KeyValue;
import dev.jbuild.proto.control.ParseRequest;
import dev.jbuild.proto.control.ParseResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Parse and Graph calls in-process, with the real frontend behind them. */
@Timeout(30)
class FrontendCallsTest {
  @TempDir
  Path root;

  private final ExecutorService builds = Executors.newCachedThreadPool();
  private Server server;
  private ManagedChannel channel;
  private MetadataDb db;
  private ControlGrpc.ControlBlockingStub control;

  @BeforeEach
  void start() throws Exception {
    db = MetadataDb.open(root);
    ControlService service = new ControlService(new ControlService.DaemonFacts(root, "copying", false),
        (id, req, session, ch) -> {
          throw new AssertionError("no build expected");
        }, new ContextStore(root), new ImageStore(db), new DiskUsage(root), builds,
        new DockerfileFrontend(new NoRegistryImageMetaResolver()));
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(service).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    control = ControlGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow();
    builds.shutdownNow();
    db.close();
  }

  @Test
  void parseReturnsBuildKitsDumpAndWarnings() {
    ParseResponse r = control.parse(ParseRequest.newBuilder().setDockerfileName("Dockerfile")
        .setDockerfile(ByteString.copyFromUtf8("FROM scratch\nCOPY --from=a x \\\n\n y\n")).build());
    assertThat(r.getDump()).isEqualTo("(from \"scratch\")\n(copy [\"--from=a\"] \"x\" \"y\")\n");
    assertThat(r.getWarningsList()).hasSize(1);
    assertThat(r.getWarnings(0).getMessage()).startsWith("Empty continuation line");
    assertThat(r.getWarnings(0).getLocation().getStartLine()).isEqualTo(2);
  }

  @Test
  void parseErrorsAreInvalidArgumentWithFileAndLine() {
    assertThatThrownBy(() -> control.parse(ParseRequest.newBuilder().setDockerfileName("sub/Dockerfile")
        .setDockerfile(ByteString.copyFromUtf8("FROM scratch\nCMD [\"a\", 1]\n")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).isEqualTo(
              "sub/Dockerfile:2: when using JSON array syntax, arrays must be comprised of strings only");
        });
  }

  @Test
  void graphDrawsDownloadsAndLinkedCopies() {
    String df = "FROM scratch\nCOPY a /a\nADD https://example.com/tool.sh /bin/\nCOPY --link b /b\n";
    GraphResponse r = control.graph(GraphRequest.newBuilder().setDockerfileName("Dockerfile")
        .setDockerfile(ByteString.copyFromUtf8(df)).setFormat("text").build());
    assertThat(r.getRendering()).contains("[2/3] ADD https://example.com/tool.sh /bin/",
        "[3/3] COPY --link b /b", "[3/3] LINK COPY --link b /b");
  }

  @Test
  void graphRendersTextWithRunStepsAndUnresolvedImageWarnings() {
    String df = "ARG BASE=busybox\nFROM ${BASE} AS a\nRUN echo a\nFROM ${BASE} AS b\nRUN echo b\n"
        + "FROM scratch\nCOPY --from=a /x /x\nCOPY --from=b /y /y\n";
    GraphResponse r = control.graph(GraphRequest.newBuilder().setDockerfileName("Dockerfile")
        .setDockerfile(ByteString.copyFromUtf8(df)).setFormat("text")
        .addBuildArgs(KeyValue.newBuilder().setKey("BASE").setValue("alpine")).build());
    assertThat(r.getRendering()).contains("[a 2/2] RUN echo a", "Stages that can run side by side:\n  a, b\n",
        "Warning: Dockerfile:2: FROM alpine: base images from a registry are not supported yet; shown by name");
    assertThat(r.getDefinition().getDefCount()).isEqualTo(5);
  }

  @Test
  void graphRendersDot() {
    GraphResponse r = control.graph(GraphRequest.newBuilder()
        .setDockerfile(ByteString.copyFromUtf8("FROM scratch AS x\nCOPY a /a\n")).setFormat("dot").build());
    assertThat(r.getRendering()).startsWith("digraph steps {").contains("label=\"x\";",
        "[label=\"[internal] load build context\"]");
  }

  @Test
  void graphErrorsNameTheLineAndUnknownFormatsAreRefused() {
    assertThatThrownBy(() -> control.graph(GraphRequest.newBuilder().setDockerfileName("Dockerfile")
        .setDockerfile(ByteString.copyFromUtf8("FROM scratch\nRUN --mount=type=nfs true\n")).build()))
        .hasMessage("INVALID_ARGUMENT: Dockerfile:2: unsupported mount type \"nfs\"");
    assertThatThrownBy(() -> control.graph(GraphRequest.newBuilder().setFormat("svg")
        .setDockerfile(ByteString.copyFromUtf8("FROM scratch\n")).build()))
        .hasMessage("INVALID_ARGUMENT: unknown graph format \"svg\" (text or dot)");
    assertThatThrownBy(() -> control.graph(GraphRequest.newBuilder().setTarget("nope")
        .setDockerfile(ByteString.copyFromUtf8("FROM scratch AS app\n")).build()))
        .hasMessageContaining("target stage \"nope\" could not be found");
  }
}

package dev.jbuild.daemon.control;

import com.google.protobuf.Timestamp;
import dev.jbuild.daemon.build.BuildRunner;
import dev.jbuild.daemon.images.ImageStore;
import dev.jbuild.daemon.session.ContextStore;
import dev.jbuild.proto.BuildInfo;
import dev.jbuild.proto.control.ClientMessage;
import dev.jbuild.proto.control.ControlGrpc;
import dev.jbuild.proto.control.DiskUsageRequest;
import dev.jbuild.proto.control.DiskUsageResponse;
import dev.jbuild.proto.control.GraphRequest;
import dev.jbuild.proto.control.GraphResponse;
import dev.jbuild.proto.control.ImageSummary;
import dev.jbuild.proto.control.InfoRequest;
import dev.jbuild.proto.control.InfoResponse;
import dev.jbuild.proto.control.ListImagesRequest;
import dev.jbuild.proto.control.ListImagesResponse;
import dev.jbuild.proto.control.ParseRequest;
import dev.jbuild.proto.control.ParseResponse;
import dev.jbuild.proto.control.PruneRequest;
import dev.jbuild.proto.control.PruneResponse;
import dev.jbuild.proto.control.ServerMessage;
import dev.jbuild.daemon.frontend.DockerfileFrontend;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** The daemon's gRPC API (control.proto). Builds run on their own threads; the other calls are quick. */
public final class ControlService extends ControlGrpc.ControlImplBase {

  /** What Info reports about this daemon. */
  public record DaemonFacts(Path root, String snapshotter, boolean autoStarted) {}

  private final DaemonFacts facts;
  private final BuildRunner runner;
  private final ContextStore contexts;
  private final ImageStore images;
  private final DiskUsage usage;
  private final ExecutorService builds;
  private final BuildRegistry registry = new BuildRegistry();
  private final AtomicLong buildCounter = new AtomicLong();
  private final FrontendViews views;

  public ControlService(DaemonFacts facts, BuildRunner runner, ContextStore contexts, ImageStore images,
      DiskUsage usage, ExecutorService builds, DockerfileFrontend frontend) {
    this.views = new FrontendViews(frontend);
    this.facts = facts;
    this.runner = runner;
    this.contexts = contexts;
    this.images = images;
    this.usage = usage;
    this.builds = builds;
  }

  @Override
  public StreamObserver<ClientMessage> build(StreamObserver<ServerMessage> responses) {
    String id = Long.toString(System.currentTimeMillis(), 36) + buildCounter.incrementAndGet();
    return new BuildCall(id, (ServerCallStreamObserver<ServerMessage>) responses, runner, contexts, builds,
        registry);
  }

  /** Cancels every running build, telling each client why. */
  public void cancelAllBuilds(String why) {
    registry.cancelAll(why);
  }

  public int runningBuilds() {
    return registry.running();
  }

  @Override
  public void info(InfoRequest request, StreamObserver<InfoResponse> responses) {
    responses.onNext(InfoResponse.newBuilder()
        .setVersion(BuildInfo.current().version())
        .setBuildId(BuildInfo.current().buildId())
        .setRoot(facts.root().toString())
        .setSnapshotter(facts.snapshotter())
        .setPid(ProcessHandle.current().pid())
        .setAutoStarted(facts.autoStarted())
        .build());
    responses.onCompleted();
  }

  @Override
  public void listImages(ListImagesRequest request, StreamObserver<ListImagesResponse> responses) {
    try {
      ListImagesResponse.Builder b = ListImagesResponse.newBuilder();
      for (ImageStore.Image i : images.list()) {
        b.addImages(ImageSummary.newBuilder().setName(i.name()).setDigest(i.manifest().toString())
            .setSize(i.size()).setCreated(Timestamp.newBuilder().setSeconds(i.created().getEpochSecond())
                .setNanos(i.created().getNano())));
      }
      responses.onNext(b.build());
      responses.onCompleted();
    } catch (IOException e) {
      responses.onError(Status.INTERNAL.withDescription("cannot list images: " + e.getMessage()).asException());
    }
  }

  @Override
  public void diskUsage(DiskUsageRequest request, StreamObserver<DiskUsageResponse> responses) {
    try {
      responses.onNext(usage.report());
      responses.onCompleted();
    } catch (IOException e) {
      responses.onError(Status.INTERNAL.withDescription("cannot measure disk usage: " + e.getMessage()).asException());
    }
  }

  @Override
  public void prune(PruneRequest request, StreamObserver<PruneResponse> responses) {
    responses.onError(Status.UNIMPLEMENTED.withDescription("prune comes with the build cache").asException());
  }

  @Override
  public void parse(ParseRequest request, StreamObserver<ParseResponse> responses) {
    try {
      responses.onNext(views.parse(request));
      responses.onCompleted();
    } catch (StatusException e) {
      responses.onError(e);
    }
  }

  @Override
  public void graph(GraphRequest request, StreamObserver<GraphResponse> responses) {
    try {
      responses.onNext(views.graph(request));
      responses.onCompleted();
    } catch (StatusException e) {
      responses.onError(e);
    }
  }
}

package dev.jbuild.client.testing;

import dev.jbuild.proto.control.BuildRequest;
import dev.jbuild.proto.control.BuildResult;
import dev.jbuild.proto.control.ClientMessage;
import dev.jbuild.proto.control.ContextPacket;
import dev.jbuild.proto.control.ContextRequest;
import dev.jbuild.proto.control.ControlGrpc;
import dev.jbuild.proto.control.CredentialsRequest;
import dev.jbuild.proto.control.Event;
import dev.jbuild.proto.control.FileStat;
import dev.jbuild.proto.control.GraphRequest;
import dev.jbuild.proto.control.GraphResponse;
import dev.jbuild.proto.control.ParseRequest;
import dev.jbuild.proto.control.ParseResponse;
import dev.jbuild.proto.control.InfoRequest;
import dev.jbuild.proto.control.InfoResponse;
import dev.jbuild.proto.control.ListImagesRequest;
import dev.jbuild.proto.control.ListImagesResponse;
import dev.jbuild.proto.control.OutputChunk;
import dev.jbuild.proto.control.ServerMessage;
import dev.jbuild.proto.control.SessionRequest;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * A stand-in for jbuildd over a REAL unix socket: it answers Info, ListImages, Parse and Graph, and for Build it follows
 * control.proto's session (asks for the context with manual flow control, reads it one message at a time,
 * optionally slowly, records what arrived, then sends the scripted events, outputs and result or error; or
 * asks for a registry's credentials and records the answer).
 */
public final class FakeDaemonForTest implements AutoCloseable {

  /** What one received context looked like: entries in arrival order and per-file content checks. */
  public static final class ReceivedContext {
    public final List<FileStat> entries = new ArrayList<>();
    public final List<Long> sizes = new ArrayList<>();
    public final List<Long> crcs = new ArrayList<>();
    public long totalBytes;
    public long doneFiles = -1;
    public long doneBytes = -1;
    public String sessionError;
  }

  /** Scripted behaviour of the next builds; set fields before running the client. */
  public static final class Script {
    public List<String> includePatterns = List.of();
    public List<String> excludePatterns = null; // null: echo the request's .dockerignore rules
    public List<Event> events = List.of();
    public List<OutputChunk> outputs = List.of();
    public BuildResult result = BuildResult.getDefaultInstance();
    public Status failWith = null;
    public long sleepMillisPerMiB = 0;
    public boolean requestContext = true;
    /** When set, the build asks for this registry's credentials instead of the context, then finishes. */
    public String askCredentialsFor = null;
  }

  public final Script script = new Script();
  public final List<BuildRequest> requests = new CopyOnWriteArrayList<>();
  public final CompletableFuture<ReceivedContext> context = new CompletableFuture<>();
  /** The client's answer to the credentials request (Credentials or SessionError). */
  public final CompletableFuture<ClientMessage> credentialsAnswer = new CompletableFuture<>();
  public volatile InfoResponse info = InfoResponse.newBuilder().setVersion("fake").setBuildId("fake-build")
      .setRoot("/fake").setSnapshotter("copy").setPid(ProcessHandle.current().pid()).build();
  public volatile ListImagesResponse images = ListImagesResponse.getDefaultInstance();
  /** Parse and Graph: what was asked, and the scripted answer (or failure when the status is set). */
  public final List<ParseRequest> parseRequests = new CopyOnWriteArrayList<>();
  public volatile ParseResponse parse = ParseResponse.getDefaultInstance();
  public final List<GraphRequest> graphRequests = new CopyOnWriteArrayList<>();
  public volatile GraphResponse graph = GraphResponse.getDefaultInstance();
  public volatile Status failViews = null;

  private final Path socket;
  private final EpollEventLoopGroup group = new EpollEventLoopGroup(2);
  private final Server server;

  public FakeDaemonForTest(Path dir) throws IOException {
    this(dir.resolve("fake-jbuildd.sock"), false);
  }

  public FakeDaemonForTest(Path socket, boolean autoStarted) throws IOException {
    this.socket = socket;
    this.info = info.toBuilder().setAutoStarted(autoStarted).build();
    this.server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .addService(new Control())
        .build()
        .start();
  }

  public String address() {
    return "unix://" + socket;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
  }

  private final class Control extends ControlGrpc.ControlImplBase {
    @Override
    public void info(InfoRequest request, StreamObserver<InfoResponse> out) {
      out.onNext(info);
      out.onCompleted();
    }

    @Override
    public void listImages(ListImagesRequest request, StreamObserver<ListImagesResponse> out) {
      out.onNext(images);
      out.onCompleted();
    }

    @Override
    public void parse(ParseRequest request, StreamObserver<ParseResponse> out) {
      parseRequests.add(request);
      answer(out, parse);
    }

    @Override
    public void graph(GraphRequest request, StreamObserver<GraphResponse> out) {
      graphRequests.add(request);
      answer(out, graph);
    }

    private <T> void answer(StreamObserver<T> out, T response) {
      if (failViews != null) {
        out.onError(failViews.asRuntimeException());
        return;
      }
      out.onNext(response);
      out.onCompleted();
    }

    @Override
    public StreamObserver<ClientMessage> build(StreamObserver<ServerMessage> responses) {
      ServerCallStreamObserver<ServerMessage> call = (ServerCallStreamObserver<ServerMessage>) responses;
      call.disableAutoRequest();
      call.request(1);
      return new BuildCall(call);
    }
  }

  /** One Build call: request, then the context, then the scripted ending. */
  private final class BuildCall implements StreamObserver<ClientMessage> {
    private final ServerCallStreamObserver<ServerMessage> call;
    private final ReceivedContext received = new ReceivedContext();
    private CRC32 crc;
    private long fileBytes;
    private long sinceSleep;

    BuildCall(ServerCallStreamObserver<ServerMessage> call) {
      this.call = call;
    }

    @Override
    public void onNext(ClientMessage message) {
      switch (message.getMsgCase()) {
        case REQUEST:
          onRequest(message.getRequest());
          break;
        case CONTEXT:
          onPacket(message.getContext());
          break;
        case CREDENTIALS:
          credentialsAnswer.complete(message);
          finish();
          break;
        case SESSION_ERROR:
          if (message.getSessionError().getRequestId().equals("cred-1")) {
            credentialsAnswer.complete(message);
            finish();
            break;
          }
          received.sessionError = message.getSessionError().getMessage();
          context.complete(received);
          call.onError(Status.INVALID_ARGUMENT.withDescription(received.sessionError).asRuntimeException());
          return;
        default:
          break;
      }
      call.request(1);
    }

    private void onRequest(BuildRequest request) {
      requests.add(request);
      script.events.forEach(e -> send(m -> m.setEvent(e)));
      if (script.askCredentialsFor != null) {
        send(m -> m.setSessionRequest(SessionRequest.newBuilder().setId("cred-1")
            .setCredentials(CredentialsRequest.newBuilder().setHost(script.askCredentialsFor))));
        return;
      }
      if (!script.requestContext) {
        finish();
        return;
      }
      List<String> excludes = script.excludePatterns != null ? script.excludePatterns
          : request.getContext().getExcludePatternsList();
      send(m -> m.setSessionRequest(SessionRequest.newBuilder().setId("ctx-1")
          .setContext(ContextRequest.newBuilder().setName("context")
              .addAllIncludePatterns(script.includePatterns).addAllExcludePatterns(excludes))));
    }

    private void onPacket(ContextPacket packet) {
      switch (packet.getPacketCase()) {
        case STAT:
          endFile();
          received.entries.add(packet.getStat());
          crc = new CRC32();
          fileBytes = 0;
          break;
        case DATA:
          crc.update(packet.getData().asReadOnlyByteBuffer());
          fileBytes += packet.getData().size();
          received.totalBytes += packet.getData().size();
          slowDown(packet.getData().size());
          break;
        case DONE:
          endFile();
          received.doneFiles = packet.getDone().getFiles();
          received.doneBytes = packet.getDone().getBytes();
          context.complete(received);
          finish();
          break;
        default:
          break;
      }
    }

    private void endFile() {
      if (crc != null) {
        received.sizes.add(fileBytes);
        received.crcs.add(crc.getValue());
        crc = null;
      }
    }

    /** A slow consumer: the client must wait for us rather than buffer its whole context. */
    private void slowDown(int bytes) {
      sinceSleep += bytes;
      if (script.sleepMillisPerMiB > 0 && sinceSleep >= 1 << 20) {
        sinceSleep = 0;
        try {
          Thread.sleep(script.sleepMillisPerMiB);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void finish() {
      if (script.failWith != null) {
        call.onError(script.failWith.asRuntimeException());
        return;
      }
      script.outputs.forEach(o -> send(m -> m.setOutput(o)));
      send(m -> m.setResult(script.result));
      call.onCompleted();
    }

    private void send(Consumer<ServerMessage.Builder> fill) {
      ServerMessage.Builder b = ServerMessage.newBuilder();
      fill.accept(b);
      call.onNext(b.build());
    }

    @Override
    public void onError(Throwable t) {
      context.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      call.onCompleted();
    }
  }
}

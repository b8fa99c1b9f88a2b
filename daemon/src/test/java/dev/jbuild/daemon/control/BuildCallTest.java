package dev.jbuild.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.jbuild.daemon.build.BuildFailure;
import dev.jbuild.daemon.build.BuildRunner;
import dev.jbuild.daemon.frontend.DockerfileFrontend;
import dev.jbuild.daemon.frontend.NoRegistryImageMetaResolver;
import dev.jbuild.daemon.images.ImageStore;
import dev.jbuild.daemon.session.ContextStore;
import dev.jbuild.daemon.session.RegistryCredential;
import dev.jbuild.metadata.MetadataDb;
import dev.jbuild.proto.control.BuildRequest;
import dev.jbuild.proto.control.BuildResult;
import dev.jbuild.proto.control.ClientMessage;
import dev.jbuild.proto.control.ContextDone;
import dev.jbuild.proto.control.ContextInfo;
import dev.jbuild.proto.control.ContextPacket;
import dev.jbuild.proto.control.ControlGrpc;
import dev.jbuild.proto.control.Credentials;
import dev.jbuild.proto.control.FileStat;
import dev.jbuild.proto.control.ServerMessage;
import dev.jbuild.proto.control.SessionError;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Build call as a session, in-process: the daemon's side asks for the context and streams an output,
 * errors leave as statuses, a client that goes away cancels the build. The build itself is a test double.
 */
@Timeout(30)
class BuildCallTest {
  @TempDir
  Path root;

  private final ExecutorService builds = Executors.newCachedThreadPool();
  private Server server;
  private ManagedChannel channel;
  private MetadataDb db;
  private volatile BuildRunner runner;

  @BeforeEach
  void start() throws Exception {
    db = MetadataDb.open(root);
    BuildRunner delegating = (id, req, session, ch) -> runner.run(id, req, session, ch);
    ControlService service = new ControlService(new ControlService.DaemonFacts(root, "copying", false), delegating,
        new ContextStore(root), new ImageStore(db), new DiskUsage(root), builds,
        new DockerfileFrontend(new NoRegistryImageMetaResolver()));
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(service).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow();
    builds.shutdownNow();
    db.close();
  }

  /** A client that records what the daemon sends and answers context requests with one file. */
  private class FakeClientForTest implements StreamObserver<ServerMessage> {
    final BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
    final CountDownLatch ended = new CountDownLatch(1);
    volatile Status status;
    StreamObserver<ClientMessage> requests;

    void start(BuildRequest request) {
      requests = ControlGrpc.newStub(channel).build(this);
      requests.onNext(ClientMessage.newBuilder().setRequest(request).build());
    }

    @Override
    public void onNext(ServerMessage m) {
      received.add(m);
      if (m.hasSessionRequest()) {
        String id = m.getSessionRequest().getId();
        byte[] data = "from the client".getBytes();
        requests.onNext(packet(id, ContextPacket.newBuilder().setStat(FileStat.newBuilder().setPath("f.txt")
            .setMode(0100644).setSize(data.length))));
        requests.onNext(packet(id, ContextPacket.newBuilder().setData(ByteString.copyFrom(data))));
        requests.onNext(packet(id, ContextPacket.newBuilder().setDone(ContextDone.getDefaultInstance())));
      }
    }

    private ClientMessage packet(String id, ContextPacket.Builder p) {
      return ClientMessage.newBuilder().setContext(p.setRequestId(id)).build();
    }

    @Override
    public void onError(Throwable t) {
      status = Status.fromThrowable(t);
      ended.countDown();
    }

    @Override
    public void onCompleted() {
      status = Status.OK;
      ended.countDown();
    }
  }

  private static BuildRequest request() {
    return BuildRequest.newBuilder().setDockerfileName("Dockerfile")
        .setContext(ContextInfo.newBuilder().setClientId("c1").setDir("/src/app")).build();
  }

  @Test
  void theBuildReadsTheClientsFilesAndStreamsAnOutputBack() throws Exception {
    runner = (id, req, session, ch) -> {
      try {
        Path dir = session.localFiles("context", List.of(), List.of("secret"));
        String text = Files.readString(dir.resolve("f.txt"));
        try (var out = ch.openOutput(0)) {
          out.write(text.toUpperCase().getBytes());
          out.commit();
        }
        try (var abandoned = ch.openOutput(1)) {
          abandoned.write("half a tarball".getBytes()); // never committed: the client must not keep it
        }
        return BuildResult.newBuilder().setImageDigest("sha256:" + "a".repeat(64)).build();
      } catch (java.io.IOException e) {
        throw new BuildFailure(BuildFailure.Kind.FAILED, e.getMessage(), e);
      }
    };
    FakeClientForTest client = new FakeClientForTest();
    client.start(request());
    assertThat(client.ended.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(client.status.isOk()).as(String.valueOf(client.status)).isTrue();
    List<ServerMessage> all = List.copyOf(client.received);
    assertThat(all.get(0).getSessionRequest().getContext().getExcludePatternsList()).containsExactly("secret");
    ByteString output = all.stream().filter(ServerMessage::hasOutput).map(m -> m.getOutput().getData())
        .reduce(ByteString.EMPTY, ByteString::concat);
    assertThat(output.toStringUtf8()).isEqualTo("FROM THE CLIENT");
    assertThat(all.stream().filter(ServerMessage::hasOutput).filter(m -> m.getOutput().getEof()))
        .extracting(m -> m.getOutput().getOutputIndex()).containsExactly(0);
    assertThat(all.get(all.size() - 1).getResult().getImageDigest()).startsWith("sha256:aaa");
  }

  @Test
  void aDockerfileErrorEndsTheCallWithItsMessage() throws Exception {
    runner = (id, req, session, ch) -> {
      throw new BuildFailure(BuildFailure.Kind.INVALID_INPUT, "Dockerfile:3: unknown instruction: FROBNICATE");
    };
    FakeClientForTest client = new FakeClientForTest();
    client.start(request());
    assertThat(client.ended.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(client.status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(client.status.getDescription()).isEqualTo("Dockerfile:3: unknown instruction: FROBNICATE");
  }

  @Test
  void aClientThatGoesAwayCancelsItsBuild() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    runner = (id, req, session, ch) -> {
      running.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
      return BuildResult.getDefaultInstance();
    };
    FakeClientForTest client = new FakeClientForTest();
    client.start(request());
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    client.requests.onError(Status.CANCELLED.asException());
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aClientThatCannotSendItsContextFailsTheBuildWithItsReason() throws Exception {
    runner = (id, req, session, ch) -> {
      try {
        session.localFiles("context", List.of(), List.of());
        return BuildResult.getDefaultInstance();
      } catch (java.io.IOException e) {
        throw new BuildFailure(BuildFailure.Kind.FAILED, e.getMessage(), e);
      }
    };
    FakeClientForTest client = new FakeClientForTest() {
      @Override
      public void onNext(ServerMessage m) {
        if (m.hasSessionRequest()) {
          requests.onNext(ClientMessage.newBuilder().setSessionError(dev.jbuild.proto.control.SessionError
              .newBuilder().setRequestId(m.getSessionRequest().getId()).setMessage("src/x: permission denied"))
              .build());
        }
      }
    };
    client.start(request());
    assertThat(client.ended.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(client.status.getDescription()).contains("src/x: permission denied");
  }

  /** A build that waits for the context, and counts down when it ends however it ends. */
  private BuildRunner waitsForContext(CountDownLatch ended) {
    return (id, req, session, ch) -> {
      try {
        session.localFiles("context", List.of(), List.of());
        return BuildResult.getDefaultInstance();
      } catch (java.io.IOException e) {
        throw new BuildFailure(BuildFailure.Kind.FAILED, e.getMessage(), e);
      } finally {
        ended.countDown();
      }
    };
  }

  @Test
  void aClientThatClosesItsStreamInsteadOfSendingTheContextEndsTheBuild() throws Exception {
    CountDownLatch ended = new CountDownLatch(1);
    runner = waitsForContext(ended);
    FakeClientForTest client = new FakeClientForTest() {
      @Override
      public void onNext(ServerMessage m) {
        if (m.hasSessionRequest()) {
          requests.onCompleted();
        }
      }
    };
    client.start(request());
    assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(client.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(client.status.getDescription()).contains("closed its stream");
  }

  @Test
  void aMalformedMessageEndsTheCallAndStopsTheBuildBehindIt() throws Exception {
    CountDownLatch ended = new CountDownLatch(1);
    runner = waitsForContext(ended);
    FakeClientForTest client = new FakeClientForTest() {
      @Override
      public void onNext(ServerMessage m) {
        if (m.hasSessionRequest()) {
          requests.onNext(ClientMessage.getDefaultInstance());
        }
      }
    };
    client.start(request());
    assertThat(client.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(client.status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
  }

  /** A client that answers credentials requests from {@code logins} (host to user:secret) and counts them. */
  private class CredentialsClientForTest extends FakeClientForTest {
    final Map<String, String> logins;
    final AtomicInteger asked = new AtomicInteger();

    CredentialsClientForTest(Map<String, String> logins) {
      this.logins = logins;
    }

    @Override
    public void onNext(ServerMessage m) {
      if (!m.getSessionRequest().hasCredentials()) {
        return;
      }
      asked.incrementAndGet();
      String login = logins.get(m.getSessionRequest().getCredentials().getHost());
      var answer = Credentials.newBuilder().setRequestId(m.getSessionRequest().getId());
      if (login == null) {
        requests.onNext(ClientMessage.newBuilder().setCredentials(answer).build());
      } else if (login.startsWith("error:")) {
        requests.onNext(ClientMessage.newBuilder().setSessionError(SessionError
            .newBuilder().setRequestId(m.getSessionRequest().getId()).setMessage(login.substring(6))).build());
      } else {
        requests.onNext(ClientMessage.newBuilder().setCredentials(answer.setUsername(login.split(":")[0])
            .setSecret(login.split(":")[1])).build());
      }
    }
  }

  @Test
  void registryCredentialsAreAskedForOncePerHostAndKeptForTheBuild() throws Exception {
    List<Object> seen = Collections.synchronizedList(new ArrayList<>());
    runner = (id, req, session, ch) -> {
      assertThat(session.given("127.0.0.1:5000")).isEmpty();
      ExecutorService steps = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> asks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          asks.add(steps.submit(() -> seen.add(session.forHost("127.0.0.1:5000"))));
        }
        for (var a : asks) {
          a.get(10, TimeUnit.SECONDS);
        }
        seen.add(session.given("127.0.0.1:5000"));
        seen.add(session.forHost("ghcr.io"));
        seen.add(session.forHost("ghcr.io"));
      } catch (Exception e) {
        throw new BuildFailure(BuildFailure.Kind.FAILED, e.toString(), e);
      } finally {
        steps.shutdownNow();
      }
      return BuildResult.getDefaultInstance();
    };
    CredentialsClientForTest client = new CredentialsClientForTest(Map.of("127.0.0.1:5000", "bob:s3cret"));
    client.start(request());
    assertThat(client.ended.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(client.status.isOk()).as(String.valueOf(client.status)).isTrue();
    var bob = Optional.of(new RegistryCredential("bob", "s3cret", ""));
    assertThat(seen).containsExactly(bob, bob, bob, bob, bob, Optional.empty(), Optional.empty());
    assertThat(client.asked.get()).as("one question per host").isEqualTo(2);
  }

  @Test
  void aClientThatCannotGiveCredentialsFailsTheQuestionWithItsReason() throws Exception {
    runner = (id, req, session, ch) -> {
      try {
        session.forHost("127.0.0.1:5000");
        return BuildResult.getDefaultInstance();
      } catch (java.io.IOException e) {
        throw new BuildFailure(BuildFailure.Kind.FAILED, e.getMessage(), e);
      }
    };
    CredentialsClientForTest client = new CredentialsClientForTest(
        Map.of("127.0.0.1:5000", "error:/home/u/.docker/config.json:2: Unexpected character"));
    client.start(request());
    assertThat(client.ended.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(client.status.getDescription()).isEqualTo("/home/u/.docker/config.json:2: Unexpected character");
  }
}

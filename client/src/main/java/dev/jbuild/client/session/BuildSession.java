package dev.jbuild.client.session;

import dev.jbuild.client.credentials.DockerCredentials;
import dev.jbuild.client.progress.ProgressRenderer;
import dev.jbuild.proto.control.BuildRequest;
import dev.jbuild.proto.control.BuildResult;
import dev.jbuild.proto.control.ClientMessage;
import dev.jbuild.proto.control.ControlGrpc;
import dev.jbuild.proto.control.ServerMessage;
import dev.jbuild.proto.control.SessionError;
import dev.jbuild.proto.control.SessionRequest;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client side of one Build call (control.proto's session). Lifecycle: {@link #start} sends the request;
 * then each ServerMessage is handled in turn (progress events, session requests answered from this machine:
 * context files and registry credentials; output chunks written here, the result), the next one being requested only after the previous one is
 * handled; {@link #await} returns when the daemon ends the call. {@link #cancel} ends it from this side.
 */
public final class BuildSession implements ClientResponseObserver<ClientMessage, ServerMessage> {

  private final BuildRequest request;
  private final Path contextDir;
  private final ProgressRenderer progress;
  private final OutputWriters outputs;
  private final DockerCredentials credentials;
  private final OutboundStream out = new OutboundStream();
  private final CountDownLatch done = new CountDownLatch(1);
  private ClientCallStreamObserver<ClientMessage> call;
  private volatile BuildResult result;
  private volatile String clientError;
  private volatile BuildOutcome outcome;

  /** @param credentials this user's registry logins, which the daemon asks for when a registry wants them */
  public BuildSession(BuildRequest request, Path contextDir, ProgressRenderer progress, OutputWriters outputs,
      DockerCredentials credentials) {
    this.request = request;
    this.contextDir = contextDir;
    this.progress = progress;
    this.outputs = outputs;
    this.credentials = credentials;
  }

  public void start(ControlGrpc.ControlStub stub) {
    stub.build(this);
    out.send(ClientMessage.newBuilder().setRequest(request).build());
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<ClientMessage> requestStream) {
    this.call = requestStream;
    requestStream.disableAutoRequestWithInitial(1);
    out.attach(requestStream);
  }

  @Override
  public void onNext(ServerMessage message) {
    try {
      switch (message.getMsgCase()) {
        case EVENT:
          progress.onEvent(message.getEvent());
          break;
        case SESSION_REQUEST:
          answer(message.getSessionRequest());
          break;
        case OUTPUT:
          outputs.write(message.getOutput());
          break;
        case RESULT:
          result = message.getResult();
          break;
        default:
          break;
      }
    } catch (IOException e) {
      clientError = e.getMessage();
      out.cancel("client failed: " + e.getMessage(), null);
      return;
    }
    call.request(1);
  }

  private void answer(SessionRequest sessionRequest) {
    if (sessionRequest.hasContext()) {
      new ContextUpload(sessionRequest.getId(), sessionRequest.getContext(), contextDir, out).start();
    } else if (sessionRequest.hasCredentials()) {
      new CredentialsAnswer(sessionRequest.getId(), sessionRequest.getCredentials().getHost(), credentials, out)
          .start();
    } else {
      out.send(ClientMessage.newBuilder().setSessionError(SessionError.newBuilder()
          .setRequestId(sessionRequest.getId())
          .setMessage("this jbuild client cannot answer a " + sessionRequest.getRequestCase() + " request"))
          .build());
    }
  }

  @Override
  public void onError(Throwable t) {
    end(Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    end(Status.OK);
  }

  private void end(Status status) {
    out.close();
    BuildOutcome o = new BuildOutcome(result, status, clientError);
    if (!o.succeeded()) {
      outputs.abort();
    }
    progress.finish(o.succeeded());
    outcome = o;
    done.countDown();
  }

  /** Ends the build from this side (Ctrl-C): the daemon sees CANCELLED and stops the build's work. */
  public void cancel(String reason) {
    out.cancel(reason, null);
  }

  /** For a shutdown hook: waits a little for the call to end, without failing. */
  public void awaitQuietly(Duration timeout) {
    try {
      done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public BuildOutcome await() throws InterruptedException {
    done.await();
    return outcome;
  }
}

package dev.jbuild.daemon.control;

import dev.jbuild.daemon.build.BuildFailure;
import dev.jbuild.daemon.build.BuildRunner;
import dev.jbuild.daemon.session.ContextStore;
import dev.jbuild.proto.control.BuildResult;
import dev.jbuild.proto.control.ClientMessage;
import dev.jbuild.proto.control.ServerMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Build call: waits for the request, runs the build on its own thread, feeds the client's answers
 * (context packets, credentials) to the session, and ends the call with the result or a status the user can read.
 * Incoming messages are requested one at a time, after the previous one was handled (flow control).
 */
final class BuildCall implements StreamObserver<ClientMessage> {
  private static final Logger log = LoggerFactory.getLogger(BuildCall.class);

  private final String buildId;
  private final ServerCallStreamObserver<ServerMessage> call;
  private final OutboundStream out;
  private final BuildRunner runner;
  private final ContextStore contexts;
  private final ExecutorService builds;
  private final BuildRegistry registry;
  private RemoteClientSession session; // set once, by the first message
  private Future<?> running; // guarded by this
  private Status endedBy; // guarded by this
  private boolean started; // guarded by this

  BuildCall(String buildId, ServerCallStreamObserver<ServerMessage> call, BuildRunner runner,
      ContextStore contexts, ExecutorService builds, BuildRegistry registry) {
    this.buildId = buildId;
    this.call = call;
    this.out = new OutboundStream(call);
    this.runner = runner;
    this.contexts = contexts;
    this.builds = builds;
    this.registry = registry;
    call.disableAutoRequest();
    call.setOnCancelHandler(() -> cancel(Status.CANCELLED.withDescription("the client went away")));
    call.request(1);
  }

  @Override
  public void onNext(ClientMessage message) {
    switch (message.getMsgCase()) {
      case REQUEST -> start(message);
      case CONTEXT -> {
        if (session != null) {
          session.onContextPacket(message.getContext());
        }
      }
      case CREDENTIALS -> {
        if (session != null) {
          session.onCredentials(message.getCredentials());
        }
      }
      case SESSION_ERROR -> {
        if (session != null) {
          session.onSessionError(message.getSessionError());
        }
      }
      default -> cancel(Status.INVALID_ARGUMENT.withDescription("empty message from the client"));
    }
    call.request(1);
  }

  private void start(ClientMessage message) {
    var request = message.getRequest();
    synchronized (this) {
      if (session != null) {
        cancel(Status.INVALID_ARGUMENT.withDescription("a Build call takes one request"));
        return;
      }
      if (endedBy != null) {
        return; // cancelled before it started
      }
      session = new RemoteClientSession(out, contexts, request.getContext().getClientId(),
          request.getContext().getDir());
      registry.add(this);
      log.info("build {} started: {} in {}", buildId, request.getDockerfileName(), request.getContext().getDir());
      running = builds.submit(() -> run(request));
    }
  }

  private void run(dev.jbuild.proto.control.BuildRequest request) {
    synchronized (this) {
      started = true;
    }
    Thread.currentThread().setName("build-" + buildId);
    try {
      BuildResult result = runner.run(buildId, request, session, new EventStream(out));
      out.send(ServerMessage.newBuilder().setResult(result).build());
      out.complete();
      log.info("build {} done: {}", buildId, result.getImageDigest());
    } catch (BuildFailure f) {
      log.info("build {} failed: {}", buildId, f.getMessage());
      out.fail(endedByOr(status(f)));
    } catch (InterruptedException e) {
      out.fail(endedByOr(Status.CANCELLED.withDescription("the build was cancelled")));
    } catch (RuntimeException | Error e) {
      log.error("build {} crashed", buildId, e);
      out.fail(Status.INTERNAL.withDescription("internal error in jbuildd: " + e));
    } finally {
      finish();
    }
  }

  /** Releases what the build held; once, whether it ran or was cancelled before it started. */
  private void finish() {
    session.close();
    registry.remove(this);
  }

  /** Why the call ends: the reason it was cancelled for, when it was, else {@code otherwise}. */
  private synchronized Status endedByOr(Status otherwise) {
    return endedBy != null ? endedBy : otherwise;
  }

  private static Status status(BuildFailure f) {
    Status s = switch (f.kind()) {
      case INVALID_INPUT -> Status.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case UNSUPPORTED -> Status.UNIMPLEMENTED;
      case CANCELLED -> Status.CANCELLED;
      case FAILED -> Status.ABORTED;
    };
    return s.withDescription(f.getMessage());
  }

  /**
   * Stops the build and ends the call with {@code status}: the client went away or broke the protocol, or
   * the daemon is shutting down. Transfers waiting for the client fail at once; the build thread is
   * interrupted.
   */
  void cancel(Status status) {
    boolean neverRan;
    synchronized (this) {
      if (endedBy == null) {
        endedBy = status;
      }
      if (session != null) {
        session.failPending(status.getDescription() == null ? "the build was cancelled" : status.getDescription());
      }
      neverRan = running != null && running.cancel(true) && !started;
    }
    if (neverRan) {
      finish();
    }
    if (status.getCode() == Status.Code.CANCELLED) {
      out.cancelled();
    } else {
      out.fail(status);
    }
  }

  @Override
  public void onError(Throwable t) {
    cancel(Status.CANCELLED.withDescription("the client went away"));
  }

  @Override
  public void onCompleted() {
    // the client has nothing more to send: the build goes on, but a transfer it still owes never comes
    if (session != null) {
      session.failPending("the client closed its stream before sending what the build asked for");
    }
  }
}

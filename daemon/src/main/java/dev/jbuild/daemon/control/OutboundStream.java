package dev.jbuild.daemon.control;

import dev.jbuild.proto.control.ServerMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;

/**
 * The daemon's side of a Build call's outgoing stream. gRPC's observer is not thread-safe and never blocks,
 * so every send goes through here: small messages (events) are sent at once; bulk data (file outputs)
 * waits until the transport is ready, so an export is never buffered whole in memory when the client
 * reads slowly. After the call ends (completed, failed or cancelled) sends are dropped.
 *
 * <p>Must be created inside the service method, before it returns (it installs the on-ready handler).
 */
final class OutboundStream {
  private final ServerCallStreamObserver<ServerMessage> call;
  private boolean closed; // guarded by this

  OutboundStream(ServerCallStreamObserver<ServerMessage> call) {
    this.call = call;
    call.setOnReadyHandler(this::wakeUp);
  }

  private synchronized void wakeUp() {
    notifyAll();
  }

  /** Sends at once (for small messages). */
  synchronized void send(ServerMessage message) {
    if (!closed && !call.isCancelled()) {
      call.onNext(message);
    }
  }

  /** Sends once the transport has room, blocking the caller until then. */
  synchronized void sendWhenReady(ServerMessage message) throws IOException, InterruptedException {
    while (!closed && !call.isCancelled() && !call.isReady()) {
      wait(1000); // the on-ready handler wakes us; the timeout re-checks cancellation
    }
    if (closed || call.isCancelled()) {
      throw new IOException("the client is gone");
    }
    call.onNext(message);
  }

  synchronized void complete() {
    if (!closed) {
      closed = true;
      if (!call.isCancelled()) {
        call.onCompleted();
      }
      notifyAll();
    }
  }

  synchronized void fail(Status status) {
    if (!closed) {
      closed = true;
      if (!call.isCancelled()) {
        call.onError(status.asRuntimeException());
      }
      notifyAll();
    }
  }

  /** The call ended from the client's side. */
  synchronized void cancelled() {
    closed = true;
    notifyAll();
  }
}

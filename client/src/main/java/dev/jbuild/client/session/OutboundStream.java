package dev.jbuild.client.session;

import dev.jbuild.proto.control.ClientMessage;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's half of a Build call. gRPC's onNext is not thread-safe, and without flow control a large
 * context would be buffered whole: every send goes through one lock, and bulk data waits for {@code isReady}
 * (signalled by the call's on-ready handler). Lifecycle: {@link #attach} in beforeStart, sends until the call
 * ends, {@link #close} when it does (wakes and fails any waiting sender).
 */
public final class OutboundStream {

  /** The call ended (completed, failed or cancelled) while a sender was waiting to send. */
  public static final class CallEndedException extends Exception {
    CallEndedException() {
      super("the build call has ended");
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private ClientCallStreamObserver<ClientMessage> call;
  private boolean closed;

  void attach(ClientCallStreamObserver<ClientMessage> call) {
    this.call = call;
    call.setOnReadyHandler(this::signalReady);
  }

  private void signalReady() {
    lock.lock();
    try {
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Sends a small control message now (the request, a session error). */
  public void send(ClientMessage message) {
    lock.lock();
    try {
      if (!closed) {
        call.onNext(message);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Sends once the transport can take more; blocks the calling (sender) thread until then. */
  public void sendWhenReady(ClientMessage message) throws InterruptedException, CallEndedException {
    lock.lockInterruptibly();
    try {
      while (!closed && !call.isReady()) {
        ready.await();
      }
      if (closed) {
        throw new CallEndedException();
      }
      call.onNext(message);
    } finally {
      lock.unlock();
    }
  }

  /** Cancels the call with a reason the daemon logs; used for client-side failures and Ctrl-C. */
  public void cancel(String reason, Throwable cause) {
    lock.lock();
    try {
      if (!closed) {
        call.cancel(reason, cause);
      }
      closed = true;
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      closed = true;
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }
}

package dev.jbuild.daemon.control;

import dev.jbuild.daemon.session.ClientSession;
import dev.jbuild.daemon.session.ContextReceiver;
import dev.jbuild.daemon.session.ContextStore;
import dev.jbuild.daemon.session.RegistryCredential;
import dev.jbuild.proto.control.ContextPacket;
import dev.jbuild.proto.control.ContextRequest;
import dev.jbuild.proto.control.Credentials;
import dev.jbuild.proto.control.CredentialsRequest;
import dev.jbuild.proto.control.ServerMessage;
import dev.jbuild.proto.control.SessionError;
import dev.jbuild.proto.control.SessionRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client session of one Build call: asks the client over the call's stream and matches its answers
 * (which arrive on gRPC's threads, one packet at a time) to the step waiting for them. Registry credentials
 * are asked for once per host: the answer (or the client's error) is kept for the rest of the build.
 */
final class RemoteClientSession implements ClientSession, AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RemoteClientSession.class);
  private final OutboundStream out;
  private final ContextStore contexts;
  private final String clientId;
  private final String clientDir;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
  private final List<Path> inUse = new ArrayList<>(); // guarded by itself
  private final Map<String, CompletableFuture<Optional<RegistryCredential>>> credentialsByHost =
      new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Optional<RegistryCredential>>> credentialsAsked =
      new ConcurrentHashMap<>(); // by request id, until the client answers
  private volatile String failedWith;

  /** One context transfer in progress. */
  private record Transfer(Path dir, ContextReceiver receiver, CompletableFuture<Void> done) {}

  RemoteClientSession(OutboundStream out, ContextStore contexts, String clientId, String clientDir) {
    this.out = out;
    this.contexts = contexts;
    this.clientId = clientId;
    this.clientDir = clientDir;
  }

  @Override
  public Path localFiles(String name, List<String> include, List<String> exclude)
      throws IOException, InterruptedException {
    String id = "context-" + ids.incrementAndGet();
    Path dir = contexts.incoming(clientId, clientDir);
    Transfer t = new Transfer(dir, new ContextReceiver(dir), new CompletableFuture<>());
    transfers.put(id, t);
    if (failedWith != null) {
      t.done().completeExceptionally(new IOException(failedWith));
    }
    out.send(ServerMessage.newBuilder().setSessionRequest(SessionRequest.newBuilder().setId(id)
        .setContext(ContextRequest.newBuilder().setName(name).addAllIncludePatterns(include)
            .addAllExcludePatterns(exclude))).build());
    try {
      t.done().get();
      log.info("context {} received: {} files, {} bytes", clientDir, t.receiver().files(), t.receiver().bytes());
      Path published = contexts.publish(dir);
      synchronized (inUse) {
        inUse.add(published);
      }
      return published;
    } catch (ExecutionException e) {
      abandon(t);
      Throwable c = e.getCause();
      throw c instanceof IOException io ? io : new IOException(c.getMessage(), c);
    } catch (InterruptedException | IOException e) {
      abandon(t);
      throw e;
    } finally {
      transfers.remove(id);
    }
  }

  @Override
  public Optional<RegistryCredential> forHost(String host) throws IOException, InterruptedException {
    CompletableFuture<Optional<RegistryCredential>> answer = new CompletableFuture<>();
    CompletableFuture<Optional<RegistryCredential>> earlier = credentialsByHost.putIfAbsent(host, answer);
    if (earlier == null) {
      ask(host, answer);
    } else {
      answer = earlier;
    }
    try {
      return answer.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof IOException io ? io : new IOException(c.getMessage(), c);
    }
  }

  private void ask(String host, CompletableFuture<Optional<RegistryCredential>> answer) {
    String id = "credentials-" + ids.incrementAndGet();
    credentialsAsked.put(id, answer);
    answer.whenComplete((r, e) -> credentialsAsked.remove(id));
    if (failedWith != null) {
      answer.completeExceptionally(new IOException(failedWith));
      return;
    }
    log.info("asking the client for its credentials for {}", host);
    out.send(ServerMessage.newBuilder().setSessionRequest(SessionRequest.newBuilder().setId(id)
        .setCredentials(CredentialsRequest.newBuilder().setHost(host))).build());
  }

  @Override
  public Optional<RegistryCredential> given(String host) {
    CompletableFuture<Optional<RegistryCredential>> answer = credentialsByHost.get(host);
    if (answer == null || !answer.isDone() || answer.isCompletedExceptionally()) {
      return Optional.empty();
    }
    return answer.join();
  }

  /** The client's answer to a credentials request; called on gRPC's thread. */
  void onCredentials(Credentials c) {
    CompletableFuture<Optional<RegistryCredential>> answer = credentialsAsked.get(c.getRequestId());
    if (answer == null) {
      return;
    }
    boolean none = c.getUsername().isEmpty() && c.getSecret().isEmpty() && c.getIdentityToken().isEmpty();
    answer.complete(none ? Optional.empty()
        : Optional.of(new RegistryCredential(c.getUsername(), c.getSecret(), c.getIdentityToken())));
  }

  /** Gives up a transfer: the receiver is closed under the transfer's lock, so never mid-packet. */
  private void abandon(Transfer t) {
    synchronized (t) {
      t.done().completeExceptionally(new IOException("abandoned"));
      t.receiver().abort();
    }
    contexts.release(t.dir());
  }

  /** A packet from the client; called on gRPC's thread, never concurrently for one call. */
  void onContextPacket(ContextPacket packet) {
    Transfer t = transfers.get(packet.getRequestId());
    if (t == null) {
      return; // a transfer that already failed or was given up
    }
    synchronized (t) {
      if (t.done().isDone()) {
        return;
      }
      try {
        if (t.receiver().accept(packet)) {
          t.done().complete(null);
        }
      } catch (IOException | RuntimeException e) {
        t.receiver().abort();
        t.done().completeExceptionally(e);
      }
    }
  }

  void onSessionError(SessionError error) {
    Transfer t = transfers.get(error.getRequestId());
    if (t != null) {
      t.done().completeExceptionally(new IOException("the client could not send the build context: "
          + error.getMessage()));
    }
    CompletableFuture<Optional<RegistryCredential>> answer = credentialsAsked.get(error.getRequestId());
    if (answer != null) {
      answer.completeExceptionally(new IOException(error.getMessage()));
    }
  }

  /** The call is ending: every request waiting for the client fails now, and any made later. */
  void failPending(String why) {
    failedWith = why;
    for (Transfer t : transfers.values()) {
      t.done().completeExceptionally(new IOException(why));
    }
    for (CompletableFuture<Optional<RegistryCredential>> answer : credentialsAsked.values()) {
      answer.completeExceptionally(new IOException(why));
    }
  }

  /** The build is over: its contexts may be pruned. */
  @Override
  public void close() {
    synchronized (inUse) {
      for (Path p : inUse) {
        contexts.release(p);
      }
      inUse.clear();
    }
  }
}

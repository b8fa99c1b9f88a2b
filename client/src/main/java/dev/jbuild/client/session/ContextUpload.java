package dev.jbuild.client.session;

import com.google.protobuf.UnsafeByteOperations;
import dev.jbuild.client.context.ContextEntry;
import dev.jbuild.client.context.ContextFileException;
import dev.jbuild.client.context.ContextFilter;
import dev.jbuild.client.context.ContextWalker;
import dev.jbuild.patterns.InvalidPatternException;
import dev.jbuild.proto.control.ClientMessage;
import dev.jbuild.proto.control.ContextDone;
import dev.jbuild.proto.control.ContextPacket;
import dev.jbuild.proto.control.ContextRequest;
import dev.jbuild.proto.control.SessionError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Answers one ContextRequest on its own thread: walks the context with the request's patterns and sends a
 * stat per entry, a regular file's bytes in chunks, then done; each packet only when the call is ready, so
 * memory stays bounded whatever the context's size. A file that cannot be read becomes a SessionError.
 */
public final class ContextUpload implements Runnable {

  static final int CHUNK_SIZE = 64 * 1024;

  private final String requestId;
  private final ContextRequest request;
  private final Path root;
  private final OutboundStream out;
  private long files;
  private long bytes;

  public ContextUpload(String requestId, ContextRequest request, Path root, OutboundStream out) {
    this.requestId = requestId;
    this.request = request;
    this.root = root;
    this.out = out;
  }

  /** Starts the upload on a daemon thread (never keeps the JVM alive). */
  public void start() {
    Thread t = new Thread(this, "context-upload-" + requestId);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void run() {
    try {
      ContextFilter filter = ContextFilter.of(request.getIncludePatternsList(), request.getExcludePatternsList());
      new ContextWalker(root, filter).walk(this::sendEntry);
      send(ContextPacket.newBuilder().setDone(ContextDone.newBuilder().setFiles(files).setBytes(bytes)));
    } catch (CallEnded | OutboundStream.CallEndedException e) {
      // the build ended (failed or was cancelled) while we were sending: nothing left to do
    } catch (InvalidPatternException | IOException e) {
      out.send(ClientMessage.newBuilder()
          .setSessionError(SessionError.newBuilder().setRequestId(requestId).setMessage(e.getMessage()))
          .build());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // never leave the daemon waiting for a context that will not come
      out.send(ClientMessage.newBuilder().setSessionError(SessionError.newBuilder().setRequestId(requestId)
          .setMessage("the jbuild client failed while sending the context: " + e)).build());
    }
  }

  private void sendEntry(ContextEntry entry) throws IOException, InterruptedException {
    try {
      send(ContextPacket.newBuilder().setStat(entry.stat()));
      files++;
      if (entry.isRegularFile()) {
        sendContent(entry.file(), entry.stat().getSize());
      }
    } catch (OutboundStream.CallEndedException e) {
      throw new CallEnded(e);
    }
  }

  private void sendContent(Path file, long size) throws IOException, InterruptedException {
    try (InputStream in = Files.newInputStream(file)) {
      long remaining = size;
      while (remaining > 0) {
        byte[] chunk = new byte[(int) Math.min(CHUNK_SIZE, remaining)];
        int n = in.readNBytes(chunk, 0, chunk.length);
        if (n < chunk.length) {
          throw new ContextFileException("context file " + file + " shrank while it was being sent", null);
        }
        sendData(chunk);
        remaining -= n;
        bytes += n;
      }
    } catch (NoSuchFileException e) {
      throw new ContextFileException("context file " + file + " vanished while it was being sent", e);
    } catch (ContextFileException | CallEnded e) {
      throw e;
    } catch (IOException e) {
      throw new ContextFileException("cannot read context file " + file + ": " + e.getMessage(), e);
    }
  }

  private void sendData(byte[] chunk) throws InterruptedException, CallEnded {
    try {
      send(ContextPacket.newBuilder().setData(UnsafeByteOperations.unsafeWrap(chunk)));
    } catch (OutboundStream.CallEndedException e) {
      throw new CallEnded(e);
    }
  }

  private void send(ContextPacket.Builder packet) throws InterruptedException, OutboundStream.CallEndedException {
    out.sendWhenReady(ClientMessage.newBuilder().setContext(packet.setRequestId(requestId)).build());
  }

  /** Carries CallEndedException through the walker's IOException-only visitor. */
  private static final class CallEnded extends IOException {
    CallEnded(OutboundStream.CallEndedException cause) {
      super(cause);
    }
  }
}

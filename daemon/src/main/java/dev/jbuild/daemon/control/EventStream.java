package dev.jbuild.daemon.control;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.jbuild.daemon.build.BuildChannel;
import dev.jbuild.daemon.exporter.CommittableStream;
import dev.jbuild.daemon.graph.StepGraph.Vertex;
import dev.jbuild.daemon.solver.ProgressSink;
import dev.jbuild.proto.control.BuildWarning;
import dev.jbuild.proto.control.Event;
import dev.jbuild.proto.control.OutputChunk;
import dev.jbuild.proto.control.ServerMessage;
import dev.jbuild.proto.control.VertexCompleted;
import dev.jbuild.proto.control.VertexFailed;
import dev.jbuild.proto.control.VertexLog;
import dev.jbuild.proto.control.VertexProgress;
import dev.jbuild.proto.control.VertexStarted;
import dev.jbuild.proto.ops.SourceLocation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.List;

/** A build's channel back to its client over the Build call: progress events and file outputs. */
final class EventStream implements BuildChannel, ProgressSink {
  private static final int CHUNK = 64 * 1024;

  private final OutboundStream out;

  EventStream(OutboundStream out) {
    this.out = out;
  }

  @Override
  public ProgressSink progress() {
    return this;
  }

  private static Timestamp ts(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static Event.Builder event(Vertex v, Instant at) {
    return Event.newBuilder().setVertex(v.digest()).setName(v.name()).setTime(ts(at));
  }

  private void send(Event.Builder e) {
    out.send(ServerMessage.newBuilder().setEvent(e).build());
  }

  @Override
  public void started(Vertex v, Instant at, List<String> inputs) {
    send(event(v, at).setStarted(VertexStarted.newBuilder().addAllInputs(inputs)));
  }

  @Override
  public void completed(Vertex v, Instant started, Instant at) {
    send(event(v, at).setCompleted(VertexCompleted.newBuilder().setStarted(ts(started))));
  }

  @Override
  public void failed(Vertex v, Instant started, Instant at, String error) {
    send(event(v, at).setFailed(VertexFailed.newBuilder().setStarted(ts(started)).setError(error)));
  }

  @Override
  public void log(Vertex v, int stream, byte[] data) {
    send(event(v, Instant.now()).setLog(VertexLog.newBuilder().setStream(stream).setData(ByteString.copyFrom(data))));
  }

  @Override
  public void progress(Vertex v, String id, long current, long total) {
    send(event(v, Instant.now()).setProgress(VertexProgress.newBuilder().setId(id).setCurrent(current).setTotal(total)));
  }

  @Override
  public void warning(String message, SourceLocation location) {
    send(Event.newBuilder().setTime(ts(Instant.now()))
        .setWarning(BuildWarning.newBuilder().setMessage(message).setLocation(location)));
  }

  @Override
  public CommittableStream openOutput(int index) {
    return new OutputChunks(index);
  }

  /**
   * File output as chunks on the call. The last chunk carries eof only on commit; a stream closed without
   * commit sends nothing more, so the client discards what it received when the call fails.
   */
  private final class OutputChunks extends CommittableStream {
    private final int index;
    private final byte[] buf = new byte[CHUNK];
    private int used;
    private boolean ended;

    OutputChunks(int index) {
      this.index = index;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (ended) {
        throw new IOException("output " + index + " is already closed");
      }
      while (len > 0) {
        if (used == CHUNK) {
          send(false);
        }
        int n = Math.min(len, CHUNK - used);
        System.arraycopy(b, off, buf, used, n);
        used += n;
        off += n;
        len -= n;
      }
    }

    @Override
    public void commit() throws IOException {
      if (!ended) {
        send(true);
        ended = true;
      }
    }

    @Override
    public void close() {
      ended = true;
    }

    private void send(boolean eof) throws IOException {
      OutputChunk chunk = OutputChunk.newBuilder().setOutputIndex(index)
          .setData(ByteString.copyFrom(buf, 0, used)).setEof(eof).build();
      used = 0;
      try {
        out.sendWhenReady(ServerMessage.newBuilder().setOutput(chunk).build());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("cancelled while sending an output");
      }
    }
  }
}

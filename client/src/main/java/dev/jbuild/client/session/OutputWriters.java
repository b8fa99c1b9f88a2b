package dev.jbuild.client.session;

import dev.jbuild.proto.control.KeyValue;
import dev.jbuild.proto.control.Output;
import dev.jbuild.proto.control.OutputChunk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the file outputs the daemon streams back (OutputChunk) to their dest on this machine. A file appears
 * only complete: chunks go to {@code dest.tmp}, which is fsynced and renamed over dest at eof; dest "-" is
 * stdout. Lifecycle: {@link #write} for each chunk in order, then {@link #abort} if the build fails.
 */
public final class OutputWriters {

  private final List<Output> outputs;
  private final OutputStream stdout;
  private final Map<Integer, Sink> open = new HashMap<>();

  public OutputWriters(List<Output> outputs, OutputStream stdout) {
    this.outputs = List.copyOf(outputs);
    this.stdout = stdout;
  }

  public void write(OutputChunk chunk) throws IOException {
    int index = chunk.getOutputIndex();
    if (index < 0 || index >= outputs.size()) {
      throw new IOException("the daemon sent data for output " + index + " but the build has "
          + outputs.size() + " output(s)");
    }
    Sink sink = open.get(index);
    if (sink == null) {
      sink = openSink(outputs.get(index));
      open.put(index, sink);
    }
    chunk.getData().writeTo(sink.stream);
    if (chunk.getEof()) {
      open.remove(index);
      sink.commit();
    }
  }

  /** Removes the temp files of outputs that never reached eof. */
  public void abort() {
    for (Sink sink : open.values()) {
      sink.discard();
    }
    open.clear();
  }

  private Sink openSink(Output output) throws IOException {
    String dest = attr(output, "dest");
    if (dest == null || dest.isEmpty()) {
      throw new IOException("output type=" + output.getType() + " has no dest to write to");
    }
    if (output.getType().equals("local")) {
      throw new IOException("writing a type=local output (" + dest + ") is not supported yet");
    }
    if (dest.equals("-")) {
      return new Sink(null, null, null, stdout);
    }
    Path target = Paths.get(dest).toAbsolutePath();
    Path parent = target.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    return new Sink(target, tmp, channel, Channels.newOutputStream(channel));
  }

  static String attr(Output output, String key) {
    for (KeyValue kv : output.getAttrsList()) {
      if (kv.getKey().equals(key)) {
        return kv.getValue();
      }
    }
    return null;
  }

  /** One output being written: stdout (no paths) or a temp file renamed at commit. */
  private static final class Sink {
    final Path target;
    final Path tmp;
    final FileChannel channel;
    final OutputStream stream;

    Sink(Path target, Path tmp, FileChannel channel, OutputStream stream) {
      this.target = target;
      this.tmp = tmp;
      this.channel = channel;
      this.stream = stream;
    }

    void commit() throws IOException {
      if (channel == null) {
        stream.flush();
        return;
      }
      channel.force(true);
      channel.close();
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void discard() {
      if (channel == null) {
        return;
      }
      try {
        channel.close();
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // best effort: a leftover .tmp file is harmless and named after its output
      }
    }
  }
}

package dev.jbuild.content;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;

/** One blob being ingested into a {@link LocalContentStore}: hashes and counts bytes as they are written. */
final class IngestWriter implements ContentStore.Writer {
  private static final int BUFFER = 1 << 16;

  private final LocalContentStore store;
  private final String ref;
  private final Path dir;
  private final Path data;
  private final Optional<Digest> expected;
  private final FileChannel channel;
  private final MessageDigest hash = Digest.sha256();
  private final HashingStream stream;
  private long written;
  private boolean done;

  IngestWriter(LocalContentStore store, String ref, Path dir, Optional<Digest> expected) throws IOException {
    this.store = store;
    this.ref = ref;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.expected = expected;
    this.channel = FileChannel.open(data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.stream = new HashingStream(new java.io.BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
  }

  @Override
  public OutputStream stream() {
    return stream;
  }

  @Override
  public long written() {
    return written;
  }

  @Override
  public Digest commit() throws IOException {
    if (done) {
      throw new IOException("writer for ref " + ref + " is already closed");
    }
    try {
      stream.flushAll();
      channel.force(true);
      long onDisk = channel.size();
      channel.close();
      if (onDisk != written) {
        throw new IOException("ref " + ref + ": wrote " + written + " bytes but " + onDisk + " are on disk");
      }
      Digest actual = Digest.fromHash(hash);
      if (expected.isPresent() && !expected.get().equals(actual)) {
        throw new IOException("ref " + ref + ": expected digest " + expected.get() + " but the " + written
            + " bytes written hash to " + actual + "; nothing was committed");
      }
      store.publish(data, actual);
      return actual;
    } finally {
      close();
    }
  }

  @Override
  public void close() throws IOException {
    if (done) {
      return;
    }
    done = true;
    try {
      channel.close();
    } finally {
      store.release(ref, dir);
    }
  }

  /** Hashes and counts; close() only flushes, because the writer owns the file. */
  private final class HashingStream extends FilterOutputStream {
    HashingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      checkOpen();
      out.write(b);
      hash.update((byte) b);
      written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      checkOpen();
      out.write(b, off, len);
      hash.update(b, off, len);
      written += len;
    }

    @Override
    public void close() throws IOException {
      if (!done) {
        out.flush();
      }
    }

    void flushAll() throws IOException {
      out.flush();
    }

    private void checkOpen() throws IOException {
      if (done) {
        throw new IOException("writer for ref " + ref + " is closed");
      }
    }
  }
}

package dev.jbuild.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Blobs by digest (containerd's content store).
 *
 * <p>Lifecycle of a blob: a {@link Writer} is opened under a caller-chosen ref (one writer per ref at a
 * time); bytes are written to a temporary file under {@code ingest/}; {@link Writer#commit} fsyncs it,
 * checks the size and digest (against the expected digest when one was given), renames it to
 * {@code blobs/sha256/<hex>} and fsyncs the directory. Committing a blob that already exists is success
 * (the new copy is dropped). Closing a writer without committing discards its data. A committed blob is
 * immutable until {@link #delete}. After a crash, {@code ingest/} may hold leftovers; opening the store
 * removes them. Readers never see a partial blob.
 *
 * <p>Example: {@code try (var w = store.writer("layer-1", Optional.empty())) { copy(in, w.stream());
 * Digest d = w.commit(); }}
 */
public interface ContentStore {

  /**
   * The store kept in plain files under {@code root}: {@code blobs/sha256/<hex>} and
   * {@code ingest/<sha256 of ref>/data}. Creates the directories and removes ingest leftovers of a
   * crash, so open it once per root and process: refs are locked in memory.
   */
  static ContentStore local(Path root) throws IOException {
    return new LocalContentStore(root);
  }

  /** What the store knows of a committed blob. */
  record Info(Digest digest, long size, Instant committedAt) {}

  Optional<Info> info(Digest digest) throws IOException;

  /** Opens a committed blob; NoSuchFileException when absent. */
  InputStream open(Digest digest) throws IOException;

  /** Starts ingesting a blob. {@code expected} makes commit fail unless the bytes hash to it. */
  Writer writer(String ref, Optional<Digest> expected) throws IOException;

  /** Removes a committed blob; absent is not an error. */
  void delete(Digest digest) throws IOException;

  /** An ingest in progress. Not thread-safe: one thread writes it. */
  interface Writer extends AutoCloseable {
    /** The stream to write the blob's bytes to; it hashes as it writes. Do not close it: close the writer. */
    OutputStream stream();

    /** Bytes written so far. */
    long written();

    /**
     * Makes the blob durable and visible, verifying its digest. Afterwards the writer is closed.
     *
     * @throws IOException when the digest or size does not match what was expected; nothing is committed
     */
    Digest commit() throws IOException;

    /** Discards an uncommitted ingest; after commit, does nothing. */
    @Override
    void close() throws IOException;
  }
}

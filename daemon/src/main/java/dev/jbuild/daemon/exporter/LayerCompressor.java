package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.diff.MediaTypes;
import dev.jbuild.metadata.MetadataDb;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Gzip-compressed copies of layer blobs, made once per layer and remembered (diff id → compressed blob)
 * in the metadata database. A remembered blob that is no longer in the content store is made again.
 * The gzip header carries no name and no time, so the same layer always compresses to the same bytes, and
 * two builds compressing one layer at once both succeed (each ingests under its own ref; the second commit
 * finds the blob there).
 */
public final class LayerCompressor {
  private final ContentStore store;
  private final MetadataDb db;

  public LayerCompressor(ContentStore store, MetadataDb db) throws IOException {
    this.store = store;
    this.db = db;
    db.migrate("layer_compressions", List.of(
        "CREATE TABLE layer_compressions (diff_id TEXT NOT NULL, media_type TEXT NOT NULL, "
            + "digest TEXT NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (diff_id, media_type))"));
  }

  public Descriptor gzip(Descriptor layer) throws IOException {
    Optional<Descriptor> known = lookup(layer.digest());
    if (known.isPresent() && store.info(known.get().digest()).isPresent()) {
      return known.get();
    }
    Descriptor made = compress(layer);
    remember(layer.digest(), made);
    return made;
  }

  /**
   * Records that {@code gzipBlob}, already in the store, is a gzip of the layer {@code diffId} (a pulled base
   * layer): exporters then ship those bytes rather than a gzip of their own.
   */
  public void known(Digest diffId, Descriptor gzipBlob) throws IOException {
    remember(diffId, new Descriptor(MediaTypes.LAYER_TAR_GZIP, gzipBlob.digest(), gzipBlob.size()));
  }

  private Descriptor compress(Descriptor layer) throws IOException {
    GzipParameters params = new GzipParameters();
    params.setModificationTime(0);
    try (InputStream in = store.open(layer.digest());
        ContentStore.Writer w = store.writer("gzip-" + layer.digest().hex() + "-" + java.util.UUID.randomUUID(), Optional.empty())) {
      OutputStream gz = new GzipCompressorOutputStream(new NonClosing(w.stream()), params);
      in.transferTo(gz);
      gz.close();
      long size = w.written();
      Digest d = w.commit();
      return new Descriptor(MediaTypes.LAYER_TAR_GZIP, d, size);
    }
  }

  private Optional<Descriptor> lookup(Digest diffId) throws IOException {
    return db.transaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT digest, size FROM layer_compressions WHERE diff_id = ? AND media_type = ?")) {
        p.setString(1, diffId.toString());
        p.setString(2, MediaTypes.LAYER_TAR_GZIP);
        try (ResultSet r = p.executeQuery()) {
          return r.next()
              ? Optional.of(new Descriptor(MediaTypes.LAYER_TAR_GZIP, Digest.parse(r.getString(1)), r.getLong(2)))
              : Optional.<Descriptor>empty();
        }
      }
    });
  }

  private void remember(Digest diffId, Descriptor compressed) throws IOException {
    db.transaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT OR REPLACE INTO layer_compressions(diff_id, media_type, digest, size) VALUES(?, ?, ?, ?)")) {
        p.setString(1, diffId.toString());
        p.setString(2, compressed.mediaType());
        p.setString(3, compressed.digest().toString());
        p.setLong(4, compressed.size());
        p.executeUpdate();
      }
      return null;
    });
  }

  /** The writer's stream must stay open for commit: gzip's close must not close it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

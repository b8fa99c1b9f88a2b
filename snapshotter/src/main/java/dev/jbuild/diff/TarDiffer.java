package dev.jbuild.diff;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.MountedTree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * {@link Differ} by walking two trees (works with any snapshotter whose mounts {@link MountedTree} can lend).
 * See {@link ChangeWalker} for what counts as a change and {@link LayerTarWriter} for the tar format;
 * {@link ConfinedPaths} for how apply stays inside the target.
 */
public final class TarDiffer implements Differ {
  /** The diff of identical trees: the 1024 zero bytes that end a tar (docker's well-known empty layer). */
  public static final Digest EMPTY_LAYER_DIGEST = Digest.of(new byte[1024]);

  /** True for the layer of a diff that found no change: exporters leave it out of an image. */
  public static boolean isEmpty(Descriptor layer) {
    return layer.digest().equals(EMPTY_LAYER_DIGEST);
  }

  /** {@code lower} may be an empty list: the empty tree (the layer holds all of upper). */
  @Override
  public Descriptor diff(List<Mount> lower, List<Mount> upper, ContentStore out) throws IOException {
    try (MountedTree up = MountedTree.of(upper); MountedTree low = lower.isEmpty() ? null : MountedTree.of(lower)) {
      List<Change> changes = ChangeWalker.changes(low == null ? null : low.root(), up.root());
      try (ContentStore.Writer w = out.writer("diff-" + UUID.randomUUID(), Optional.empty())) {
        LayerTarWriter.write(up.root(), changes, w.stream());
        long size = w.written();
        Digest digest = w.commit();
        return new Descriptor(MediaTypes.LAYER_TAR, digest, size);
      }
    }
  }

  /** Accepts tar and gzip-compressed tar whatever the descriptor's media type says (sniffs the magic). */
  @Override
  public void apply(Descriptor layer, List<Mount> target, ContentStore in) throws IOException {
    if (target.stream().anyMatch(Mount::readOnly)) {
      throw new IOException("cannot apply layer " + layer.digest() + ": the target mounts are read-only");
    }
    try (MountedTree tree = MountedTree.of(target);
        BufferedInputStream blob = new BufferedInputStream(in.open(layer.digest()), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(blob), "UTF-8")) {
      new LayerExtractor(tree.root(), layer.digest().toString()).extract(tar);
    }
  }

  private static InputStream decompressed(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GzipCompressorInputStream(in, true) : in;
  }
}

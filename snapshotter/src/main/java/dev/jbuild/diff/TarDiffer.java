package dev.jbuild.diff;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.MountedTree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Differ} for both snapshotters.
 *
 * <p>diff: when overlay shows which directory holds exactly the changes of {@code upper} over {@code lower} (a
 * prepared snapshot, or the view of a committed one, against its parent: {@link #upperDirOver}), the layer is
 * read straight from that directory
 * ({@link OverlayUpperChanges}: kernel whiteouts become {@code .wh.} entries, opaque dirs
 * {@code .wh..wh..opq}; the lower tree is mounted only to tell copied-up directories from changed ones);
 * otherwise both trees are mounted and walked ({@link ChangeWalker}). See
 * {@link LayerTarWriter} for the tar format.
 *
 * <p>apply: the target mounts are mounted and the layer is unpacked through them ({@link LayerExtractor}),
 * so on overlay the kernel records deletions as whiteouts; {@link ConfinedPaths} keeps every write inside
 * the target; {@link ApplyLimits} bounds what a layer may cost.
 */
public final class TarDiffer implements Differ {
  /** The diff of identical trees: the 1024 zero bytes that end a tar (docker's well-known empty layer). */
  public static final Digest EMPTY_LAYER_DIGEST = Digest.of(new byte[1024]);

  private final Path scratchDir;
  private final ApplyLimits limits;

  /** For bind mounts only (the copying snapshotter), with the default limits. */
  public TarDiffer() {
    this(null, ApplyLimits.DEFAULT);
  }

  /** For any snapshotter: overlays are mounted in-process under {@code scratchDir} (e.g. OverlaySnapshotter#scratchDir). */
  public TarDiffer(Path scratchDir, ApplyLimits limits) {
    this.scratchDir = scratchDir;
    this.limits = limits;
  }

  /** True for the layer of a diff that found no change: exporters leave it out of an image. */
  public static boolean isEmpty(Descriptor layer) {
    return layer.digest().equals(EMPTY_LAYER_DIGEST);
  }

  private MountedTree mount(List<Mount> mounts) throws IOException {
    return scratchDir == null ? MountedTree.of(mounts) : MountedTree.of(mounts, scratchDir);
  }

  /** {@code lower} may be an empty list: the empty tree (the layer holds all of upper). */
  @Override
  public Descriptor diff(List<Mount> lower, List<Mount> upper, ContentStore out) throws IOException {
    Optional<Path> upperDir = upperDirOver(lower, upper);
    if (upperDir.isPresent()) {
      try (MountedTree low = mount(lower)) {
        return write(upperDir.get(), OverlayUpperChanges.of(upperDir.get(), low.root()), out);
      }
    }
    try (MountedTree up = mount(upper); MountedTree low = lower.isEmpty() ? null : mount(lower)) {
      return write(up.root(), ChangeWalker.changes(low == null ? null : low.root(), up.root()), out);
    }
  }

  private static Descriptor write(Path upper, List<Change> changes, ContentStore out) throws IOException {
    try (ContentStore.Writer w = out.writer("diff-" + UUID.randomUUID(), Optional.empty())) {
      LayerTarWriter.write(upper, changes, w.stream());
      long size = w.written();
      Digest digest = w.commit();
      return new Descriptor(MediaTypes.LAYER_TAR, digest, size);
    }
  }

  /**
   * The directory holding exactly what {@code upper} changes over {@code lower}, when overlay shows that: the
   * upper dir of a prepared overlay whose lower dirs are what {@code lower} shows, or the top lower dir of a
   * read-only overlay (a committed snapshot's view) whose other lower dirs are what {@code lower} shows (the
   * snapshot's own dir, once the upper dir of a plain-diff overlay: BuildKit's {@code GetUpperdir}).
   */
  static Optional<Path> upperDirOver(List<Mount> lower, List<Mount> upper) {
    if (upper.size() != 1 || !upper.get(0).type().equals("overlay") || lower.size() != 1) {
      return Optional.empty();
    }
    Mount u = upper.get(0);
    Optional<List<String>> upperLowers = option(u, "lowerdir").map(v -> Arrays.asList(v.split(":")));
    if (upperLowers.isEmpty()) {
      return Optional.empty();
    }
    Mount l = lower.get(0);
    List<String> shown = l.type().equals("bind") ? List.of(l.source())
        : l.type().equals("overlay") && option(l, "upperdir").isEmpty()
            ? option(l, "lowerdir").map(v -> Arrays.asList(v.split(":"))).orElse(List.of()) : List.of();
    Optional<String> upperDir = option(u, "upperdir");
    if (upperDir.isPresent()) {
      return shown.equals(upperLowers.get()) ? Optional.of(Path.of(upperDir.get())) : Optional.empty();
    }
    List<String> below = upperLowers.get().subList(1, upperLowers.get().size());
    boolean plainDiff = u.options().containsAll(List.of("redirect_dir=off", "metacopy=off"));
    return plainDiff && !below.isEmpty() && shown.equals(below)
        ? Optional.of(Path.of(upperLowers.get().get(0))) : Optional.empty();
  }

  private static Optional<String> option(Mount m, String name) {
    return m.options().stream().filter(o -> o.startsWith(name + "=")).map(o -> o.substring(name.length() + 1)).findFirst();
  }

  /** Accepts tar, gzip- or zstd-compressed tar whatever the descriptor's media type says ({@link Compression}). */
  @Override
  public void apply(Descriptor layer, List<Mount> target, ContentStore in) throws IOException {
    if (target.stream().anyMatch(Mount::readOnly)) {
      throw new IOException("cannot apply layer " + layer.digest() + ": the target mounts are read-only");
    }
    try (MountedTree tree = mount(target);
        BufferedInputStream blob = new BufferedInputStream(in.open(layer.digest()), 1 << 16);
        InputStream tar = Compression.decompressed(blob)) {
      new LayerExtractor(tree.root(), ExtractRules.layer(layer.digest().toString())).extract(new LayerTarReader(tar, limits));
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains(layer.digest().toString())) {
        throw e;
      }
      throw new IOException("cannot apply layer " + layer.digest() + ": " + e.getMessage(), e);
    }
  }
}

package dev.jbuild.diff;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.snapshots.Mount;
import java.io.IOException;
import java.util.List;

/**
 * Turns the difference between two trees into an OCI layer, and a layer back into a tree.
 *
 * <p>{@link #diff}: everything in {@code upper} that is new or changed relative to {@code lower} becomes an
 * entry of an uncompressed tar ({@link MediaTypes#LAYER_TAR}), written to the content store; the returned
 * descriptor's digest is the layer's diff id. Entries are sorted by path, parents before children, with
 * uid/gid, mode (setuid/setgid/sticky included), mtime and symlink targets kept; deletions become OCI
 * whiteouts (from the overlay issue on). The same trees always give the same bytes.
 *
 * <p>{@link #apply}: unpacks a layer (tar, or gzip-compressed tar) onto the mounted target, honouring OCI
 * whiteouts, and never writes outside the target.
 */
public interface Differ {

  Descriptor diff(List<Mount> lower, List<Mount> upper, ContentStore out) throws IOException;

  void apply(Descriptor layer, List<Mount> target, ContentStore in) throws IOException;
}

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
 * uid/gid, mode (setuid/setgid/sticky included), mtime (whole seconds), symlink targets, hard links, device
 * numbers, fifos and extended attributes (raw bytes in PAX SCHILY.xattr records) kept; deletions become
 * OCI whiteouts and opaque directories {@code .wh..wh..opq}. The same trees always give the same bytes.
 *
 * <p>{@link #apply}: unpacks a layer (tar, gzip- or zstd-compressed tar) onto the mounted target, honouring OCI
 * whiteouts and opaque markers, restoring xattrs and devices, and never writes outside the target; a
 * hostile layer fails with an IOException naming the entry and the reason.
 */
public interface Differ {

  Descriptor diff(List<Mount> lower, List<Mount> upper, ContentStore out) throws IOException;

  void apply(Descriptor layer, List<Mount> target, ContentStore in) throws IOException;
}

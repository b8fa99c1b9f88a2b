package dev.jbuild.daemon.pull;

import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import java.util.Map;
import java.util.Optional;

/**
 * The image layer a committed snapshot was unpacked from: its blob as the registry served it and the diff id
 * the image config gives it. Kept as labels of the snapshot, so that an image built on a base carries the
 * base's layers as they are (same blobs, same diff ids, as BuildKit does) instead of a diff of the unpacked
 * tree, which is another tar of the same files.
 */
public record LayerOrigin(Descriptor blob, Digest diffId) {
  static final String BLOB = "jbuild.layer.blob";
  static final String MEDIA_TYPE = "jbuild.layer.media-type";
  static final String SIZE = "jbuild.layer.size";
  static final String DIFF_ID = "jbuild.layer.diff-id";

  public Map<String, String> labels() {
    return Map.of(BLOB, blob.digest().toString(), MEDIA_TYPE, blob.mediaType(), SIZE, Long.toString(blob.size()),
        DIFF_ID, diffId.toString());
  }

  /** The origin recorded in a snapshot's labels; empty for a snapshot a step made (or labels from elsewhere). */
  public static Optional<LayerOrigin> of(Map<String, String> labels) {
    String blob = labels.get(BLOB);
    String mediaType = labels.get(MEDIA_TYPE);
    String size = labels.get(SIZE);
    String diffId = labels.get(DIFF_ID);
    if (blob == null || mediaType == null || size == null || diffId == null) {
      return Optional.empty();
    }
    return Optional.of(new LayerOrigin(new Descriptor(mediaType, Digest.parse(blob), Long.parseLong(size)),
        Digest.parse(diffId)));
  }
}

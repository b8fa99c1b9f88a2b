package dev.jbuild.diff;

import java.util.OptionalInt;

/**
 * How {@link LayerExtractor} reads a tar: as an image layer, or as ADD unpacks a local archive (BuildKit's
 * file backend, applyRootArchive).
 *
 * @param source what the tar is, for errors ("layer sha256:...", "archive /app.tar")
 * @param whiteouts {@code .wh.} entries delete (a layer); otherwise they are ordinary files (an archive)
 * @param relativeAbsoluteNames a leading "/" is dropped (an archive); otherwise such a name is refused (a layer)
 * @param rootEntry an entry naming the target itself ("./") sets its metadata (a layer); otherwise it is skipped
 * @param uid replaces every entry's owner when present (ADD --chown)
 * @param gid replaces every entry's group when present (ADD --chown)
 */
record ExtractRules(String source, boolean whiteouts, boolean relativeAbsoluteNames, boolean rootEntry,
    OptionalInt uid, OptionalInt gid) {

  static ExtractRules layer(String digest) {
    return new ExtractRules("layer " + digest, true, false, true, OptionalInt.empty(), OptionalInt.empty());
  }

  static ExtractRules archive(String name, OptionalInt uid, OptionalInt gid) {
    return new ExtractRules("archive " + name, false, true, false, uid, gid);
  }
}

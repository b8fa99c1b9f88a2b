package dev.jbuild.fs;

import java.util.OptionalInt;

/**
 * Metadata to impose on copied entries instead of the source's (COPY --chown / --chmod).
 *
 * @param mode permission bits (07777 at most) applied to every entry but symlinks
 */
public record Overrides(OptionalInt uid, OptionalInt gid, OptionalInt mode) {
  /** Keep everything the source has. */
  public static final Overrides NONE = new Overrides(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

  public Overrides {
    if (mode.isPresent() && (mode.getAsInt() & ~FileMeta.PERMISSION_BITS) != 0) {
      throw new IllegalArgumentException("mode beyond 07777: " + Integer.toOctalString(mode.getAsInt()));
    }
  }

  public static Overrides chown(int uid, int gid) {
    return new Overrides(OptionalInt.of(uid), OptionalInt.of(gid), OptionalInt.empty());
  }

  public Overrides withMode(int newMode) {
    return new Overrides(uid, gid, OptionalInt.of(newMode));
  }

  /** {@code meta} with the overrides applied. */
  public FileMeta applyTo(FileMeta meta) {
    return new FileMeta(
        meta.type(),
        mode.isPresent() && meta.type() != FileMeta.Type.SYMLINK ? mode.getAsInt() : meta.mode(),
        uid.orElse(meta.uid()),
        gid.orElse(meta.gid()),
        meta.size(),
        meta.mtime(),
        meta.linkTarget(),
        meta.inode(),
        meta.nlink(),
        meta.dev());
  }
}

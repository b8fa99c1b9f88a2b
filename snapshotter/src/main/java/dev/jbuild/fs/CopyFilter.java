package dev.jbuild.fs;

/**
 * Chooses what {@link FsOps#copyTree} copies (COPY --exclude, COPY --parents). Paths are relative to the tree
 * copied, "/"-separated, without a leading "/"; the tree's root itself is never asked about. A directory's
 * children are asked about only when the directory is not skipped.
 */
@FunctionalInterface
public interface CopyFilter {
  /** What becomes of one entry. */
  enum Decision {
    /** Copied (a directory is made now, its children are asked about). */
    COPY,
    /** Left out with everything under it. */
    SKIP,
    /**
     * A directory made only when something under it is copied (then with its own metadata), as BuildKit's
     * copier delays the parents of an include pattern's matches; a non-directory is left out.
     */
    DEFER
  }

  /**
   * @param path the entry, relative to the copied tree
   * @param directory whether it is a directory (symlinks are not)
   */
  Decision decide(String path, boolean directory);

  CopyFilter ALL = (path, directory) -> Decision.COPY;
}

package dev.jbuild.daemon.solver;

import dev.jbuild.snapshots.Mount;
import java.util.List;
import java.util.Optional;

/**
 * The result of a step: a read-only tree. A tree that is a committed snapshot names it, so that exporters
 * can walk its parents to find the image's layers; other trees (the build context) are only read.
 * Refs live as long as their build's {@link JobContext}, which removes what it created when it closes.
 */
public interface Ref {

  /** Mounts that show the tree read-only. */
  List<Mount> mounts();

  /** The committed snapshot holding this tree, if it is one. */
  Optional<String> snapshot();

  /** The empty tree (FROM scratch). */
  Ref EMPTY = new Ref() {
    @Override
    public List<Mount> mounts() {
      return List.of();
    }

    @Override
    public Optional<String> snapshot() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "scratch";
    }
  };
}

package dev.jbuild.daemon;

import dev.jbuild.snapshots.Snapshotter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Start-up housekeeping for the snapshotter. */
final class Snapshots {
  private Snapshots() {}

  /** Removes every snapshot, children before their parents (what builds cut short by a crash left). */
  static void removeAll(Snapshotter snapshotter) throws IOException {
    List<Snapshotter.Info> all = new ArrayList<>();
    snapshotter.walk(all::add);
    while (!all.isEmpty()) {
      Set<String> parents = new HashSet<>();
      for (Snapshotter.Info i : all) {
        if (i.parent() != null && !i.parent().isEmpty()) {
          parents.add(i.parent());
        }
      }
      List<Snapshotter.Info> leaves = all.stream().filter(i -> !parents.contains(i.name())).toList();
      if (leaves.isEmpty()) {
        throw new IOException("snapshot parents form a cycle: " + all);
      }
      for (Snapshotter.Info leaf : leaves) {
        snapshotter.remove(leaf.name());
      }
      all.removeAll(leaves);
    }
  }
}

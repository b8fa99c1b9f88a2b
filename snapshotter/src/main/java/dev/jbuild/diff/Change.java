package dev.jbuild.diff;

import java.util.Comparator;
import java.util.List;

/**
 * One difference between two trees: {@code path} (relative, "/"-separated segments) is new or changed in
 * the upper tree, or deleted from it.
 */
record Change(List<String> segments, boolean deleted) {
  /** Depth-first, siblings by name: the order of a tree walk, so parents come before their children. */
  static final Comparator<Change> WALK_ORDER = (a, b) -> compareSegments(a.segments, b.segments);

  Change {
    segments = List.copyOf(segments);
  }

  String path() {
    return String.join("/", segments);
  }

  static int compareSegments(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}

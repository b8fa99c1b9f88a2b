package dev.jbuild.diff;

import java.util.Comparator;
import java.util.List;

/**
 * One difference between two trees at {@code segments} (relative, "/"-separated when joined): the entry is
 * new or changed in the upper tree ({@link Kind#CHANGED}), deleted from it ({@link Kind#DELETED}: a
 * whiteout), or a directory whose lower contents are all hidden ({@link Kind#OPAQUE}: an opaque marker).
 */
record Change(List<String> segments, Kind kind) {
  enum Kind { CHANGED, OPAQUE, DELETED }

  /**
   * Depth-first, siblings by name: the order of a tree walk, so parents come before their children, and a
   * directory's opaque marker comes right after the directory itself.
   */
  static final Comparator<Change> WALK_ORDER = (a, b) -> {
    int c = compareSegments(a.segments, b.segments);
    return c != 0 ? c : a.kind.compareTo(b.kind);
  };

  Change {
    segments = List.copyOf(segments);
  }

  boolean deleted() {
    return kind == Kind.DELETED;
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

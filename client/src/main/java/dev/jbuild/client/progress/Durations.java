package dev.jbuild.client.progress;

import com.google.protobuf.Timestamp;
import java.util.Locale;

/** Formats durations as BuildKit's progress does: seconds with one decimal ("0.1s", "12.3s"). */
final class Durations {

  private Durations() {}

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1fs", Math.max(0, nanos) / 1e9);
  }

  static String secondsPrecise(long nanos) {
    return String.format(Locale.ROOT, "%.3f", Math.max(0, nanos) / 1e9);
  }

  static long nanos(Timestamp t) {
    return t.getSeconds() * 1_000_000_000L + t.getNanos();
  }

  static long between(Timestamp from, Timestamp to) {
    return nanos(to) - nanos(from);
  }
}

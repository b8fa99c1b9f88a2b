package dev.jbuild.client.progress;

import java.util.Locale;

/** Human sizes the way docker prints them: decimal units ("1.2MB", "532B"). */
public final class Bytes {

  private Bytes() {}

  public static String human(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    if (unit == 0) {
      return bytes + "B";
    }
    return String.format(Locale.ROOT, "%.3g%s", value, units[unit]);
  }
}

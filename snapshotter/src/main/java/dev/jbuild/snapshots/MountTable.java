package dev.jbuild.snapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code /proc/self/mountinfo}: which mount points exist, to clean up after a crash. */
public final class MountTable {
  private MountTable() {}

  /**
   * The mount points strictly under {@code dir}, in the order to unmount them: latest mounted first (a mount
   * stacked on another, or nested in it, comes after it in mountinfo).
   */
  public static List<Path> mountPointsUnder(Path dir) throws IOException {
    Path base = dir.toAbsolutePath().normalize();
    List<Path> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ");
      if (fields.length < 5) {
        continue;
      }
      Path point = Path.of(unescape(fields[4]));
      if (point.startsWith(base) && !point.equals(base)) {
        out.add(0, point);
      }
    }
    return out;
  }

  /** mountinfo writes space, tab, newline and backslash as \ooo octal escapes. */
  static String unescape(String field) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = field.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\\' && i + 3 < b.length && isOctal(b[i + 1]) && isOctal(b[i + 2]) && isOctal(b[i + 3])) {
        out.write((b[i + 1] - '0') * 64 + (b[i + 2] - '0') * 8 + (b[i + 3] - '0'));
        i += 3;
      } else {
        out.write(b[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isOctal(byte c) {
    return c >= '0' && c <= '7';
  }
}

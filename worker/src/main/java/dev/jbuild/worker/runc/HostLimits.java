package dev.jbuild.worker.runc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Limits of the daemon's own process that a container cannot exceed. */
final class HostLimits {
  /** BuildKit's containers get dockerd's and buildkitd's usual RLIMIT_NOFILE. */
  static final long WANTED_OPEN_FILES = 1_048_576;

  private HostLimits() {}

  /**
   * {@link #WANTED_OPEN_FILES}, or less when this process's hard limit is lower: raising a hard limit needs
   * CAP_SYS_RESOURCE, which runc may not have (a container would then fail to start).
   */
  static long openFiles() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.UTF_8)) {
        if (line.startsWith("Max open files")) {
          String[] f = line.substring("Max open files".length()).trim().split("\\s+");
          return f[1].equals("unlimited") ? WANTED_OPEN_FILES : Math.min(WANTED_OPEN_FILES, Long.parseLong(f[1]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc/self/limits: ask for the usual and let runc say if it cannot
    }
    return WANTED_OPEN_FILES;
  }
}

package dev.jbuild.worker.runc;

import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.OverlaySnapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny image for real containers: Debian's static busybox as /bin/busybox with its applets linked, and an
 * /etc/passwd and /etc/group where alice has supplementary groups. No /etc/hosts, /etc/resolv.conf, /proc,
 * /dev or /sys: runc has to create the mount points, as in an image built FROM scratch.
 */
final class BusyboxRootfs {
  static final Path BUSYBOX = Path.of("/bin/busybox");
  static final List<String> APPLETS = List.of("sh", "cat", "id", "ls", "sleep", "echo", "hostname", "pwd", "env",
      "touch", "mkdir", "stat", "grep", "wc", "true", "false", "ip", "test", "rm");

  static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\n"
      + "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n"
      + "bob:x:1001:1001::/home/bob:/bin/sh\n";
  static final String GROUP = "root:x:0:\n"
      + "audio:x:29:alice\n"
      + "video:x:44:bob,alice\n"
      + "staff:x:50:bob\n"
      + "alice:x:1000:\n"
      + "bob:x:1001:\n";

  private BusyboxRootfs() {}

  /** The image tree under {@code dir} (created). */
  static Path create(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"));
    for (String applet : APPLETS) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), PASSWD);
    Files.writeString(etc.resolve("group"), GROUP);
    return dir;
  }

  /** The overlay a snapshotter would return for a step on top of {@code lower}: upper and work under {@code dir}. */
  static Mount overlay(Path lower, Path dir) throws IOException {
    Path upper = Files.createDirectories(dir.resolve("upper"));
    Path work = Files.createDirectories(dir.resolve("work"));
    List<String> options = new ArrayList<>(OverlaySnapshotter.PLAIN_DIFF_OPTIONS);
    options.add("lowerdir=" + lower);
    options.add("upperdir=" + upper);
    options.add("workdir=" + work);
    return new Mount("overlay", "overlay", options);
  }
}

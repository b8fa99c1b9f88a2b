package dev.jbuild.it.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The file tree of the busybox test image, laid out in a directory: the same paths, modes and link targets as
 * the reference environment's busybox ({@code shared/bench/reference-env.sh}), so that BuildKit's results on
 * that image compare with jbuild's on ours. Debian's busybox-static binary with one symlink per applet in
 * /bin, the official busybox image's /etc/passwd and /etc/group, and our own adduser/addgroup stand-ins
 * (that busybox build has neither applet). Files come from the test resources under {@code busybox/}.
 */
public final class BusyboxRootfs {
  /** Debian's busybox-static (packaging/install-deps.sh installs it). */
  public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

  private static final List<String> DIRECTORIES =
      List.of("bin", "etc", "root", "tmp", "var", "var/spool", "var/spool/mail", "var/www", "home", "usr",
          "usr/sbin", "dev", "proc", "sys");
  private static final List<String> ETC_FILES = List.of("passwd", "group", "nsswitch.conf");
  private static final List<String> STAND_INS = List.of("adduser", "addgroup");

  private BusyboxRootfs() {}

  /** Fills {@code root} (created if missing) with the image's tree; owners are the caller's (root in tests). */
  public static void write(Path root) throws IOException, InterruptedException {
    if (!Files.isExecutable(HOST_BUSYBOX)) {
      throw new IllegalStateException(HOST_BUSYBOX + " is missing: install Debian's busybox-static "
          + "(packaging/install-deps.sh)");
    }
    for (String dir : DIRECTORIES) {
      setMode(Files.createDirectories(root.resolve(dir)), 0755);
    }
    setMode(root.resolve("tmp"), 01777);
    setMode(root.resolve("root"), 0700);
    Path bin = root.resolve("bin");
    setMode(Files.copy(HOST_BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING), 0755);
    for (String applet : applets()) {
      if (!applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
    }
    for (String name : ETC_FILES) {
      setMode(copyResource("etc/" + name, root.resolve("etc").resolve(name)), 0644);
    }
    for (String name : STAND_INS) {
      setMode(copyResource("bin/" + name, bin.resolve(name)), 0755);
    }
  }

  /** The applet names the busybox binary lists ({@code busybox --list}), as the reference image links them. */
  public static List<String> applets() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(HOST_BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
    List<String> names = new ArrayList<>();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(HOST_BUSYBOX + " --list failed: " + out);
    }
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        names.add(line.strip());
      }
    }
    return names;
  }

  private static Path copyResource(String name, Path target) throws IOException {
    try (InputStream in = BusyboxRootfs.class.getClassLoader().getResourceAsStream("busybox/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource busybox/" + name + " is not on the class path");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /** All 12 permission bits (the sticky bit of /tmp included, which PosixFilePermission cannot express). */
  private static void setMode(Path path, int mode) throws IOException {
    Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
  }
}

package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.it.SharedDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our adduser/addgroup stand-ins against the reference environment's (shared/bench/busybox-extra), which
 * BuildKit's reference results are built with: the same commands, run by the real busybox sh in a chroot of
 * the busybox test image's tree, must print the same and leave the same /etc files and home directories.
 * Needs root (chroot), as the other end-to-end tests do.
 */
class BusyboxStandInsTest {
  /** Run in order in one shell; each command's exit status is printed after it. */
  private static final List<String> COMMANDS = List.of(
      "addgroup -S staffers",
      "addgroup -g 2000 devs",
      "addgroup daemon devs",
      "addgroup bin devs",
      "addgroup daemon wheel",
      "adduser -D app",
      "adduser -D -u 1000 second",
      "adduser -S -D -u 1500 -G devs -h /srv/svc -s /bin/false -g 'Service Account' svc",
      "adduser -D -H nohome",
      "addgroup -g 1003 taken",
      "adduser -D third",
      "touch /etc/shadow",
      "adduser -D -H shadowed",
      "adduser -D app",
      "addgroup devs",
      "addgroup nosuch devs",
      "addgroup app nosuch",
      "adduser -G nosuch x",
      "adduser",
      "addgroup");

  @TempDir
  static Path tmp;
  static Path ours;
  static Path reference;
  static String oursOutput;
  static String referenceOutput;

  @BeforeAll
  static void runBoth() throws Exception {
    ours = tmp.resolve("ours");
    BusyboxRootfs.write(ours);
    reference = tmp.resolve("reference");
    BusyboxRootfs.write(reference);
    for (String name : List.of("adduser", "addgroup")) {
      Path target = reference.resolve("bin").resolve(name);
      Files.copy(SharedDir.resolve("bench/busybox-extra/" + name), target, StandardCopyOption.REPLACE_EXISTING);
      Files.setAttribute(target, "unix:mode", 0755);
    }
    String script = String.join("\n", COMMANDS.stream().map(c -> c + " 2>&1; echo \"rc=$?\"").toList());
    oursOutput = runInChroot(ours, script);
    referenceOutput = runInChroot(reference, script);
  }

  @Test
  void theyPrintAndExitAsTheReferenceOnes() {
    assertThat(oursOutput).isEqualTo(referenceOutput);
    assertThat(oursOutput).contains("adduser: user 'app' in use\nrc=1", "addgroup: unknown user nosuch\nrc=1");
  }

  @Test
  void theyWriteTheSameEtcFiles() throws Exception {
    for (String file : List.of("etc/passwd", "etc/group", "etc/shadow")) {
      assertThat(Files.readString(ours.resolve(file))).as(file).isEqualTo(Files.readString(reference.resolve(file)));
    }
    assertThat(Files.readString(ours.resolve("etc/passwd")))
        .contains("\napp:x:1000:1001:Linux User,,,:/home/app:/bin/sh\n", "\nsvc:x:1500:2000:Service Account:/srv/svc:/bin/false\n");
    assertThat(Files.readString(ours.resolve("etc/group")))
        .contains("\nwheel:x:10:root,daemon\n", "\ndevs:x:2000:daemon,bin\n", "\nstaffers:x:1000:\n");
    assertThat(Files.readString(ours.resolve("etc/shadow"))).isEqualTo("shadowed:!:0:0:99999:7:::\n");
  }

  @Test
  void theyMakeTheSameHomeDirectories() throws Exception {
    Map<String, String> homes = tree(ours, "home", "srv");
    assertThat(homes).isEqualTo(tree(reference, "home", "srv"));
    assertThat(homes).containsEntry("home/app", "755 1000:1001").containsEntry("srv/svc", "755 1500:2000")
        .doesNotContainKey("home/nohome");
  }

  private static String runInChroot(Path root, String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("chroot", root.toString(), "/bin/env", "-i", "PATH=/bin", "/bin/sh", "-c", script)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chroot " + root + " sh did not finish in 60 s: " + out);
    }
    if (p.exitValue() != 0) {
      throw new IOException("chroot " + root + " sh failed (exit " + p.exitValue() + "; chroot needs root): " + out);
    }
    return out;
  }

  /** Mode and owner of every entry under the given top directories of {@code root}, by relative path. */
  private static Map<String, String> tree(Path root, String... tops) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String top : tops) {
      Path dir = root.resolve(top);
      if (!Files.exists(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.toList()) {
          Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
          out.put(root.relativize(p).toString(), Integer.toOctalString((Integer) a.get("mode") & 07777) + " "
              + a.get("uid") + ":" + a.get("gid"));
        }
      }
    }
    return out;
  }
}

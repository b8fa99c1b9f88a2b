package dev.jbuild.it.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import dev.jbuild.it.registry.BusyboxOnRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RUN for real: runc containers on overlay snapshots of the busybox test image (pulled from a real registry
 * on loopback), read back from the exported OCI image with imgdump.py, as a user would check it.
 */
class RunTest {
  @TempDir
  static Path tmp;
  static BusyboxOnRegistry env;
  static JbuildDaemon daemon;
  static String busybox;

  @BeforeAll
  static void start() throws Exception {
    env = BusyboxOnRegistry.start(tmp);
    daemon = env.daemon();
    busybox = env.busybox();
  }

  @AfterAll
  static void stop() throws Exception {
    if (env != null) {
      env.close();
    }
  }

  private static Path context(String dockerfile) throws IOException {
    Path ctx = Files.createTempDirectory(tmp, "ctx");
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile.replace("BUSYBOX", busybox));
    return ctx;
  }

  private static JsonNode build(Path ctx) throws Exception {
    Path out = ctx.resolve("image.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--progress", "plain", "--output",
        "type=oci,dest=" + out, ".");
    assertThat(r.exitCode()).as(r.describe() + "\n" + daemon.logTail()).isZero();
    return new ObjectMapper().readTree(ImgDump.locate().summarizeOci(out));
  }

  private static String sha256(String content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertContent(JsonNode files, String path, String content) throws Exception {
    assertThat(files.has(path)).as(path + " in " + files.fieldNames()).isTrue();
    assertThat(files.get(path).get("sha256").asText()).as(path + " holds " + content).isEqualTo(sha256(content));
  }

  @Test
  void runCreatesChangesAndDeletesFilesAndNothingOfTheMachineryLands() throws Exception {
    Path ctx = context("""
        FROM BUSYBOX
        RUN echo made > /made.txt && rm /bin/vi && echo extra:x:3000: >> /etc/group \\
            && mkdir /d && ln -s /made.txt /d/sym && ln /made.txt /d/hard
        ENV GREETING=hello
        RUN echo "$GREETING from $(hostname)" > /env.txt
        RUN --network=none cat /proc/net/dev | awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' > /net.txt
        RUN --mount=type=bind,target=/mnt/ctx cat /mnt/ctx/input.txt > /from-context.txt && ! touch /mnt/ctx/x 2>/dev/null
        RUN --mount=type=tmpfs,target=/scratch echo y > /scratch/y && ls /scratch > /tmpfs.txt
        """);
    Files.writeString(ctx.resolve("input.txt"), "from the context\n");
    JsonNode files = build(ctx).get("files");

    assertContent(files, "/made.txt", "made\n");
    assertThat(files.has("/bin/vi")).as("deleted by RUN: a whiteout in its layer").isFalse();
    assertThat(files.has("/bin/sh")).isTrue();
    assertThat(files.get("/d/sym").get("type").asText()).isEqualTo("symlink");
    assertContent(files, "/d/hard", "made\n");
    assertContent(files, "/env.txt", "hello from buildkitsandbox\n");
    assertContent(files, "/net.txt", "lo\n");
    assertContent(files, "/from-context.txt", "from the context\n");
    assertContent(files, "/tmpfs.txt", "y\n");
    assertThat(Files.exists(ctx.resolve("x"))).as("the context is mounted read-only").isFalse();
    // mount points runc had to make, and the files it binds, are not part of the image
    for (String machinery : List.of("/mnt", "/mnt/ctx", "/scratch", "/etc/hosts", "/etc/resolv.conf", "/etc/hostname")) {
      assertThat(files.has(machinery)).as(machinery).isFalse();
    }
  }

  @Test
  void userByNameGetsItsGroupsAndWorkdirIsItsOwn() throws Exception {
    Path ctx = context("""
        FROM BUSYBOX
        RUN addgroup -g 2000 devs && adduser -D -u 1500 app && addgroup app devs
        USER app
        WORKDIR /home/app/work
        RUN id > /tmp/id.txt && touch mine
        USER root
        RUN cp /tmp/id.txt /id.txt
        """);
    JsonNode files = build(ctx).get("files");
    // the groups that list the user, as BuildKit gives them (checked against BuildKit with this image)
    assertContent(files, "/id.txt", "uid=1500(app) gid=1500(app) groups=2000(devs)\n");
    assertThat(files.get("/home/app/work").get("uid").asInt()).isEqualTo(1500);
    JsonNode mine = files.get("/home/app/work/mine");
    assertThat(mine.get("uid").asInt()).isEqualTo(1500);
    assertThat(mine.get("gid").asInt()).isEqualTo(1500);
  }

  @Test
  void shellAndHeredocsRunAsTheDockerfileSays() throws Exception {
    Path ctx = context("""
        # syntax=docker/dockerfile:1
        FROM BUSYBOX
        SHELL ["/bin/sh", "-c", "echo shell:$0 > /shell.txt; exec /bin/sh -c \\"$@\\"", "sh"]
        RUN true
        SHELL ["/bin/sh", "-c"]
        RUN <<EOF
        echo one > /heredoc.txt
        echo two >> /heredoc.txt
        EOF
        RUN cat <<A <<B > /two.txt
        first
        A
        second
        B
        RUN <<EOF
        #!/bin/sh
        echo "script: $0" > /script.txt
        EOF
        RUN 3<<EOF cat /dev/fd/3 > /fd3.txt
        via fd 3
        EOF
        """);
    JsonNode files = build(ctx).get("files");
    assertContent(files, "/shell.txt", "shell:sh\n");
    assertContent(files, "/heredoc.txt", "one\ntwo\n");
    assertContent(files, "/two.txt", "second\n");
    assertThat(files.has("/script.txt")).isTrue();
    assertContent(files, "/fd3.txt", "via fd 3\n");
  }

  @Test
  void aFailingRunNamesTheLineTheExitCodeAndItsLastOutput() throws Exception {
    Path ctx = context("FROM BUSYBOX\nRUN echo about to fail && echo on stderr >&2 && exit 3\n");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--progress", "plain", ".");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Dockerfile:2").contains("exit code: 3").contains("about to fail")
        .contains("on stderr");
  }

  @Test
  void cancellingARunningRunLeavesNoContainerMountOrSnapshot() throws Exception {
    Path first = context("FROM BUSYBOX\nRUN true\n");
    build(first); // the base is pulled and unpacked: its snapshots stay
    daemon.awaitSnapshotsRemoved(first, 10_000); // the build's own go once the client has its result
    List<String> snapshotsBefore = snapshotDirs();
    Path ctx = context("FROM BUSYBOX\nRUN echo sleeping && sleep 600\n");
    Path out = ctx.resolve("out");
    Path err = ctx.resolve("err");
    Process client = JbuildCli.start(daemon.address(), ctx, out, err, "build", "--progress", "plain", ".");
    try {
      long deadline = System.currentTimeMillis() + 60_000;
      while (!Files.readString(out).contains("sleeping") && !Files.readString(err).contains("sleeping")
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(runcContainers()).hasSize(1);
    } finally {
      client.destroy(); // SIGTERM: the client cancels its build, as on Ctrl-C
    }
    assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long deadline = System.currentTimeMillis() + 10_000;
    while ((!runcContainers().isEmpty() || !snapshotDirs().equals(snapshotsBefore))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(runcContainers()).isEmpty();
    assertThat(snapshotDirs()).isEqualTo(snapshotsBefore);
    String root = daemon.root().toAbsolutePath().toString();
    assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
        .noneMatch(l -> l.contains(" " + root + "/") && !l.contains("/snapshots/overlay/m/"));
    assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).noneMatch(l -> l.contains(root + "/exec/"));
  }

  private static List<String> runcContainers() throws Exception {
    Process p = new ProcessBuilder("runc", "--root", daemon.root().resolve("exec/runc").toString(), "list", "-q")
        .redirectErrorStream(true).start();
    String listed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return listed.lines().filter(l -> !l.isBlank()).toList();
  }

  private static List<String> snapshotDirs() throws IOException {
    Path dir = daemon.root().resolve("snapshots/overlay");
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).sorted().toList();
    }
  }
}

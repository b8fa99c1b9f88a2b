package dev.jbuild.worker.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.MountTable;
import dev.jbuild.worker.Executor;
import dev.jbuild.worker.Executor.MountSpec;
import dev.jbuild.worker.Executor.NetworkMode;
import dev.jbuild.worker.Executor.ProcessSpec;
import dev.jbuild.worker.ProcessStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real runc over a real overlay, as a RUN step would use them (needs root, runc, overlayfs, busybox-static). */
class RuncExecutorTest {
  @TempDir
  Path tmp;

  private Path state;
  private Path lower;
  private Path upper;
  private Mount rootfs;
  private RuncExecutor executor;

  @BeforeAll
  static void needsRuncAndOverlay() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/self/status"))
        && Files.readString(Path.of("/proc/self/status")).lines().anyMatch(l -> l.matches("Uid:\\s+0\\s.*")),
        "runc containers need root");
    assumeTrue(Files.readString(Path.of("/proc/filesystems")).contains("overlay"), "overlayfs is not available");
    assumeTrue(Files.isExecutable(BusyboxRootfs.BUSYBOX), "/bin/busybox is missing: apt-get install busybox-static");
    boolean runc;
    try {
      runc = new ProcessBuilder("runc", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      runc = false;
    }
    assumeTrue(runc, "runc is not installed: apt-get install runc");
  }

  @BeforeEach
  void setUp() throws IOException, InterruptedException {
    state = tmp.resolve("state");
    lower = BusyboxRootfs.create(tmp.resolve("lower"));
    rootfs = BusyboxRootfs.overlay(lower, tmp.resolve("snap"));
    upper = tmp.resolve("snap/upper");
    executor = new RuncExecutor(state);
    executor.cleanupLeftovers();
  }

  @AfterEach
  void nothingLeftRunningOrMounted() throws Exception {
    List<Path> mounted = MountTable.mountPointsUnder(tmp);
    for (Path p : mounted) {
      LinuxCalls.unmount(p, LinuxCalls.MNT_DETACH); // so that @TempDir can be removed even after a failure
    }
    assertThat(mounted).as("mounts left under the test's directory").isEmpty();
    assertThat(new Runc("runc", state.resolve("runc")).list()).as("containers left").isEmpty();
  }

  private int run(ProcessSpec p, CollectedLogs logs, MountSpec... mounts) throws Exception {
    return executor.run(p, List.of(rootfs), List.of(mounts), logs);
  }

  private static ProcessSpec sh(String script) {
    return ProcessSpec.of(List.of("/bin/sh", "-c", script));
  }

  private static ProcessSpec sh(String script, String user, String cwd, NetworkMode network) {
    return new ProcessSpec(List.of("/bin/sh", "-c", script), List.of(), cwd, user, "", network);
  }

  private String runForStdout(ProcessSpec p) throws Exception {
    CollectedLogs logs = new CollectedLogs();
    assertThat(run(p, logs)).as("exit status; stderr: %s", logs.stderr()).isZero();
    return logs.stdout();
  }

  @Test
  void outputComesBackOnItsStreamAndTheExitStatusIsReturned() throws Exception {
    CollectedLogs logs = new CollectedLogs();

    int status = run(sh("echo hello; echo oops >&2"), logs);

    assertThat(status).isZero();
    assertThat(logs.stdout()).isEqualTo("hello\n");
    assertThat(logs.stderr()).isEqualTo("oops\n");
  }

  @Test
  void aFailingProcessReturnsItsExitStatus() throws Exception {
    CollectedLogs logs = new CollectedLogs();

    assertThat(run(sh("echo before; exit 3"), logs)).isEqualTo(3);
    assertThat(logs.stdout()).isEqualTo("before\n");
  }

  @Test
  void outputStreamsWhileTheProcessStillRuns() throws Exception {
    CollectedLogs logs = new CollectedLogs();
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        result.set(run(sh("echo first; sleep 3; echo second"), logs));
      } catch (Exception e) {
        result.set(e);
      }
    });
    t.start();

    assertThat(logs.awaitStdout("first", 2500)).as("first line before the process ends").isTrue();
    assertThat(logs.stdout()).doesNotContain("second");
    t.join(10_000);
    assertThat(result.get()).isEqualTo(0);
    assertThat(logs.stdout()).isEqualTo("first\nsecond\n");
  }

  @Test
  void aMissingExecutableIsAStartErrorNamingIt() {
    assertThatThrownBy(() -> run(ProcessSpec.of(List.of("/no/such-tool")), new CollectedLogs()))
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("/no/such-tool");
  }

  @Test
  void environmentIsPassedAndPathDefaultsWhenMissing() throws Exception {
    String out = runForStdout(new ProcessSpec(List.of("/bin/sh", "-c", "echo \"$FOO|$PATH\""),
        List.of("FOO=bar baz"), "/", "", "", NetworkMode.HOST));
    assertThat(out).isEqualTo("bar baz|" + Executor.DEFAULT_PATH + "\n");

    String own = runForStdout(new ProcessSpec(List.of("/bin/sh", "-c", "echo \"$PATH\""),
        List.of("PATH=/bin:/opt/bin"), "/", "", "", NetworkMode.HOST));
    assertThat(own).isEqualTo("/bin:/opt/bin\n");
  }

  @Test
  void openFilesAreBuildKitsMillionUnlessTheDaemonMayNotGrantThem() throws Exception {
    String hard = Files.readAllLines(Path.of("/proc/self/limits")).stream()
        .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow()
        .substring("Max open files".length()).trim().split("\\s+")[1];
    long expected = hard.equals("unlimited") ? 1_048_576 : Math.min(1_048_576, Long.parseLong(hard));

    assertThat(runForStdout(sh("ulimit -n; ulimit -Hn"))).isEqualTo(expected + "\n" + expected + "\n");
  }

  @Test
  void aMissingWorkingDirectoryIsCreatedOwnedByTheUser() throws Exception {
    String out = runForStdout(sh("pwd; touch mine", "alice", "/work/deep", NetworkMode.HOST));

    assertThat(out).isEqualTo("/work/deep\n");
    for (String dir : List.of("work", "work/deep")) {
      Path p = upper.resolve(dir);
      assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(dir).isEqualTo(1000);
      assertThat(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(dir).isEqualTo(1000);
      assertThat((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777).as(dir)
          .isEqualTo(0755);
    }
    assertThat(Files.getAttribute(upper.resolve("work/deep/mine"), "unix:uid")).isEqualTo(1000);
  }

  @Test
  void aUserByNameGetsItsGroupAndSupplementaryGroups() throws Exception {
    assertThat(runForStdout(sh("id -u; id -g; id -G", "alice", "/", NetworkMode.HOST)))
        .isEqualTo("1000\n1000\n1000 29 44\n");
  }

  @Test
  void numericUserAndGroupAreUsedAsTheyAre() throws Exception {
    assertThat(runForStdout(sh("id -u; id -g; id -G", "1234:5678", "/", NetworkMode.HOST)))
        .isEqualTo("1234\n5678\n5678\n");
  }

  @Test
  void aUserWithAnExplicitGroupHasNoSupplementaryGroups() throws Exception {
    assertThat(runForStdout(sh("id -u; id -g; id -G", "bob:audio", "/", NetworkMode.HOST)))
        .isEqualTo("1001\n29\n29\n");
  }

  @Test
  void anUnknownUserIsAStartError() {
    assertThatThrownBy(() -> run(sh("true", "mallory", "/", NetworkMode.HOST), new CollectedLogs()))
        .isInstanceOf(ProcessStartException.class)
        .hasMessage("unable to find user mallory: no matching entries in passwd file");
  }

  @Test
  void hostnameAndHostsFile() throws Exception {
    assertThat(runForStdout(sh("hostname"))).isEqualTo(Executor.DEFAULT_HOSTNAME + "\n");

    String out = runForStdout(new ProcessSpec(List.of("/bin/sh", "-c", "hostname; cat /etc/hosts"), List.of(), "/",
        "", "builder-1", NetworkMode.HOST));
    assertThat(out).isEqualTo("builder-1\n127.0.0.1\tlocalhost builder-1\n::1\tlocalhost ip6-localhost ip6-loopback\n");
  }

  @Test
  void theHostsResolvConfIsVisible() throws Exception {
    assertThat(runForStdout(sh("cat /etc/resolv.conf"))).isEqualTo(Files.readString(Path.of("/etc/resolv.conf")));
  }

  @Test
  void aDanglingResolvConfSymlinkIsServedAndItsTargetStubRemoved() throws Exception {
    Files.createSymbolicLink(lower.resolve("etc/resolv.conf"), Path.of("../run/systemd/resolve/stub-resolv.conf"));

    assertThat(runForStdout(sh("cat /etc/resolv.conf"))).isEqualTo(Files.readString(Path.of("/etc/resolv.conf")));
    assertThat(entries(upper)).doesNotContain("run");
    assertThat(entries(upper.resolve("etc"))).isEmpty();
  }

  @Test
  void hostNetworkByDefaultAndOnlyLoopbackWithNetworkNone() throws Exception {
    TreeSet<String> hostInterfaces = interfaces(Files.readString(Path.of("/proc/net/dev")));
    assumeTrue(hostInterfaces.size() > 1, "this host has only a loopback interface: nothing to tell apart");

    assertThat(interfaces(runForStdout(sh("cat /proc/net/dev")))).isEqualTo(hostInterfaces);
    assertThat(interfaces(runForStdout(sh("cat /proc/net/dev", "", "/", NetworkMode.NONE)))).containsExactly("lo");
    assertThat(runForStdout(sh("ip link show lo | grep -c UP", "", "/", NetworkMode.NONE))).isEqualTo("1\n");
  }

  private static TreeSet<String> interfaces(String procNetDev) {
    return procNetDev.lines().filter(l -> l.contains(":")).map(l -> l.substring(0, l.indexOf(':')).strip())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void whatTheProcessWritesLandsInTheUpperDirAndNoMountStubDoes() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("f"), "from the host\n");
    CollectedLogs logs = new CollectedLogs();

    int status = run(sh("cat /mnt/src/f; touch /mnt/src/x 2>/dev/null && echo wrote-ro; "
            + "echo t > /cache/tmp/y && cat /cache/tmp/y; echo out > /out.txt"), logs,
        MountSpec.snapshot("/mnt/src", List.of(Mount.bind(data.toString(), false)), true),
        MountSpec.tmpfs("/cache/tmp", 1 << 20));

    assertThat(status).as("stderr: %s", logs.stderr()).isZero();
    assertThat(logs.stdout()).isEqualTo("from the host\nt\n");
    assertThat(data.resolve("x")).doesNotExist();
    assertThat(Files.readString(upper.resolve("out.txt"))).isEqualTo("out\n");
    assertThat(entries(upper)).as("upper dir").containsExactlyInAnyOrder("out.txt", "etc");
    assertThat(entries(upper.resolve("etc"))).as("etc in the upper dir (copied up for the stubs)").isEmpty();
    assertThat(Files.getAttribute(upper.resolve("etc"), "unix:mode")).as("copied up unchanged")
        .isEqualTo(Files.getAttribute(lower.resolve("etc"), "unix:mode"));
  }

  @Test
  void aFileBindAndAReadOnlyOverlayViewLeaveNoTraceEither() throws Exception {
    Path secret = Files.writeString(tmp.resolve("token"), "s3cret");
    Path base = Files.createDirectories(tmp.resolve("view/base"));
    Files.writeString(base.resolve("a"), "from base\n");
    Path top = Files.createDirectories(tmp.resolve("view/top"));
    Files.writeString(top.resolve("b"), "from top\n");
    Mount view = new Mount("overlay", "overlay", List.of("lowerdir=" + top + ":" + base, "ro"));
    CollectedLogs logs = new CollectedLogs();

    int status = run(sh("cat /run/secrets/token; echo; cat /src/a /src/b; touch /src/c 2>/dev/null || echo ro"), logs,
        MountSpec.snapshot("/run/secrets/token", List.of(Mount.bind(secret.toString(), true)), true),
        MountSpec.snapshot("/src", List.of(view), true));

    assertThat(status).as("stderr: %s", logs.stderr()).isZero();
    assertThat(logs.stdout()).isEqualTo("s3cret\nfrom base\nfrom top\nro\n");
    assertThat(entries(upper)).containsExactly("etc");
    assertThat(entries(upper.resolve("etc"))).isEmpty();
  }

  @Test
  void aBindRootfsAsTheCopyingSnapshotterReturnsItWorksTheSame() throws Exception {
    Path tree = BusyboxRootfs.create(tmp.resolve("copied"));
    CollectedLogs logs = new CollectedLogs();

    int status = executor.run(sh("id -u; echo hi > made", "alice", "/home/alice", NetworkMode.HOST),
        List.of(Mount.bind(tree.toString(), false)), List.of(MountSpec.tmpfs("/scratch", 0)), logs);

    assertThat(status).as("stderr: %s", logs.stderr()).isZero();
    assertThat(logs.stdout()).isEqualTo("1000\n");
    assertThat(tree.resolve("home/alice/made")).hasContent("hi");
    assertThat(entries(tree)).containsExactly("bin", "etc", "home");
    assertThat(entries(tree.resolve("etc"))).containsExactly("group", "passwd");
    assertThat(Files.getAttribute(tree.resolve("home/alice"), "unix:uid")).isEqualTo(1000);
  }

  @Test
  void stubsAreKeptWhenTheProcessPutSomethingInThem() throws Exception {
    String out = runForStdout(sh("echo kept > /etc/hosts.local; ls /etc"));

    assertThat(out).contains("hosts.local");
    assertThat(entries(upper.resolve("etc"))).containsExactly("hosts.local");
  }

  @Test
  void cancellingKillsAndDeletesTheContainerWithinASecond() throws Exception {
    CollectedLogs logs = new CollectedLogs();
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        result.set(run(sh("echo started; sleep 60"), logs));
      } catch (Exception e) {
        result.set(e);
      }
    });
    t.start();
    assertThat(logs.awaitStdout("started", 5000)).isTrue();

    long start = System.nanoTime();
    t.interrupt();
    t.join(5000);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(t.isAlive()).isFalse();
    assertThat(result.get()).isInstanceOf(InterruptedException.class);
    assertThat(millis).as("milliseconds from interrupt to return").isLessThan(1200);
    assertThat(mountPoints(state)).isEmpty();
    assertThat(entries(state.resolve("b"))).as("bundles").isEmpty();
    assertThat(entries(upper)).containsExactly("etc");
    assertThat(entries(upper.resolve("etc"))).as("no stubs left after a cancel either").isEmpty();
  }

  @Test
  void cancellingAtAnyMomentOfTheSetupLeavesNothingBehind() throws Exception {
    for (long delayMillis : new long[] {0, 5, 15, 30, 60, 120}) {
      AtomicReference<Object> result = new AtomicReference<>();
      Thread t = new Thread(() -> {
        try {
          result.set(run(sh("sleep 60"), new CollectedLogs()));
        } catch (Exception e) {
          result.set(e);
        }
      });
      t.start();
      Thread.sleep(delayMillis);
      long start = System.nanoTime();
      t.interrupt();
      t.join(5000);

      assertThat(t.isAlive()).as("still running %d ms after start, in %s", delayMillis,
          java.util.Arrays.toString(t.getStackTrace())).isFalse();
      assertThat(result.get()).as("after %d ms", delayMillis).isInstanceOf(InterruptedException.class);
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms to cancel after %d ms", delayMillis)
          .isLessThan(1200);
      assertThat(new Runc("runc", state.resolve("runc")).list()).isEmpty();
      assertThat(mountPoints(tmp)).isEmpty();
      assertThat(entries(state.resolve("b"))).isEmpty();
      assertThat(entries(upper)).isSubsetOf("etc");
      assertThat(entries(upper.resolve("etc"))).isEmpty();
    }
  }

  @Test
  void cleanupDeletesAContainerLeftRunningByACrashedDaemon() throws Exception {
    Path bundle = Files.createDirectories(state.resolve("b/leftover"));
    Path rootDir = Files.createDirectories(bundle.resolve("1"));
    LinuxCalls.mount("overlay", rootDir, "overlay", 0, String.join(",", rootfs.options()));
    Path hosts = Files.writeString(bundle.resolve("hosts"), "");
    Path resolv = Files.writeString(bundle.resolve("resolv.conf"), "");
    byte[] config = new dev.jbuild.worker.oci.SpecBuilder(rootDir.toString(), hosts.toString(), resolv.toString(),
        "jbuild/leftover", 1024).build(sh("sleep 60"), dev.jbuild.worker.oci.ExecUser.ROOT, List.of()).toJson();
    Files.write(bundle.resolve("config.json"), config);
    Process detached = new ProcessBuilder("runc", "--root", state.resolve("runc").toString(), "run", "--detach",
        "--bundle", bundle.toString(), "leftover")
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(detached.waitFor()).isZero();
    Runc runc = new Runc("runc", state.resolve("runc"));
    assertThat(runc.list()).containsExactly("leftover");

    RuncExecutor restarted = new RuncExecutor(state);
    restarted.cleanupLeftovers();

    assertThat(runc.list()).isEmpty();
    assertThat(mountPoints(state)).isEmpty();
    assertThat(entries(state.resolve("b"))).isEmpty();
    assertThat(Files.readString(lower.resolve("etc/passwd"))).isEqualTo(BusyboxRootfs.PASSWD);
  }

  @Test
  void runsSideBySideInTheirOwnContainers() throws Exception {
    Path lower2 = BusyboxRootfs.create(tmp.resolve("lower2"));
    Mount rootfs2 = BusyboxRootfs.overlay(lower2, tmp.resolve("snap2"));
    CollectedLogs a = new CollectedLogs();
    CollectedLogs b = new CollectedLogs();
    AtomicReference<Object> second = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        second.set(executor.run(sh("echo b > /who; sleep 1; cat /who"), List.of(rootfs2), List.of(), b));
      } catch (Exception e) {
        second.set(e);
      }
    });
    t.start();
    int first = run(sh("echo a > /who; sleep 1; cat /who"), a);
    t.join(10_000);

    assertThat(first).isZero();
    assertThat(second.get()).isEqualTo(0);
    assertThat(a.stdout()).isEqualTo("a\n");
    assertThat(b.stdout()).isEqualTo("b\n");
  }

  private static List<Path> mountPoints(Path dir) throws IOException {
    return MountTable.mountPointsUnder(dir);
  }

  private static List<String> entries(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}

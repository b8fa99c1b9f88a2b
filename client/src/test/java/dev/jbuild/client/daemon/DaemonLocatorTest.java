package dev.jbuild.client.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.client.testing.FakeDaemonMainForTest;
import dev.jbuild.proto.control.InfoResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: start a daemon in its own session when none answers, replace an older one. */
class DaemonLocatorTest {

  @TempDir
  Path tmp;
  private final List<Long> started = new ArrayList<>();

  @AfterEach
  void stopDaemons() {
    started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  private DaemonLocator locator(String buildId) {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfake.build.id=" + buildId, "-cp", System.getProperty("java.class.path"),
        FakeDaemonMainForTest.class.getName());
    return new DaemonLocator(Map.of(), "unix://" + tmp.resolve("jbuildd.sock"),
        new DaemonLauncher(cmd, List.of(tmp)), Duration.ofSeconds(30), buildId);
  }

  private InfoResponse connect(DaemonLocator locator) throws Exception {
    try (DaemonConnection c = locator.connect(null)) {
      InfoResponse info = c.info();
      started.add(info.getPid());
      return info;
    }
  }

  @Test
  void startsADaemonInItsOwnSessionAndReusesIt() throws Exception {
    InfoResponse first = connect(locator("build-1"));
    assertThat(first.getAutoStarted()).isTrue();
    assertThat(first.getBuildId()).isEqualTo("build-1");
    assertThat(sessionOf(first.getPid())).isNotEqualTo(sessionOf(ProcessHandle.current().pid()));
    assertThat(tmp.resolve("jbuildd.log")).exists();

    InfoResponse again = connect(locator("build-1"));
    assertThat(again.getPid()).isEqualTo(first.getPid());
  }

  @Test
  void replacesADaemonAutoStartedByAnotherBuild() throws Exception {
    InfoResponse old = connect(locator("old-build"));
    InfoResponse current = connect(locator("new-build"));
    assertThat(current.getBuildId()).isEqualTo("new-build");
    assertThat(current.getPid()).isNotEqualTo(old.getPid());
    assertThat(ProcessHandle.of(old.getPid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void anExplicitHostIsNeverStarted() {
    assertThatThrownBy(() -> locator("b").connect("unix://" + tmp.resolve("other.sock")))
        .isInstanceOf(DaemonUnreachableException.class)
        .hasMessageContaining("cannot connect to jbuildd at unix://" + tmp.resolve("other.sock"));
    assertThat(tmp.resolve("jbuildd.log")).doesNotExist();
  }

  /** Field 6 of /proc/PID/stat: the session id (setsid gives the daemon its own). */
  private static String sessionOf(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String afterName = stat.substring(stat.lastIndexOf(')') + 2);
    return afterName.split(" ")[3];
  }
}

package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.it.JbuildDaemon;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker Hub mirrors from the daemon config: {@code FROM busybox} is pulled from a real registry on loopback
 * that holds {@code library/busybox:latest} (this machine cannot reach Docker Hub, so the image can only come
 * from the mirror); a mirror that is down or lacks the image passes the pull on to the next.
 */
class RegistryMirrorTest {
  @TempDir
  static Path tmp;
  static TestRegistry mirror;
  static TestRegistry empty;
  static JbuildDaemon daemon;

  @BeforeAll
  static void start() throws Exception {
    mirror = TestRegistry.start(tmp.resolve("mirror"));
    empty = TestRegistry.start(tmp.resolve("empty"));
    daemon = daemonWithMirrors("one", List.of(mirror.host()));
    BusyboxImage.publish(daemon, mirror, tmp.resolve("busybox")); // as library/busybox:latest, as Docker Hub has it
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    for (TestRegistry r : new TestRegistry[] {mirror, empty}) {
      if (r != null) {
        r.close();
      }
    }
  }

  private static JbuildDaemon daemonWithMirrors(String name, List<String> mirrors) throws Exception {
    Path config = tmp.resolve(name + ".toml");
    Files.writeString(config, "[registry.\"docker.io\"]\n  mirrors = [\"" + String.join("\", \"", mirrors)
        + "\"]\n");
    return JbuildDaemon.start(tmp.resolve("root-" + name), List.of(), List.of("--config", config.toString()));
  }

  private static void assertBuiltOnTheBase(JsonNode image) {
    JsonNode files = image.get("files");
    assertThat(files.has("/bin/busybox")).as(files.toString()).isTrue();
    assertThat(files.has("/etc/passwd")).as(files.toString()).isTrue();
    assertThat(files.has("/srv/app.txt")).as(files.toString()).isTrue();
  }

  @Test
  void fromBusyboxIsPulledFromTheDockerHubMirror() throws Exception {
    var build = RegistryImages.buildOn(daemon, tmp, "busybox");
    assertBuiltOnTheBase(build.image(daemon));
  }

  @Test
  void aMirrorThatIsDownAndOneWithoutTheImagePassTheCallOnToTheNext() throws Exception {
    int down;
    try (ServerSocket s = new ServerSocket(0)) {
      down = s.getLocalPort(); // closed again: nothing listens there
    }
    JbuildDaemon second = daemonWithMirrors("two", List.of("127.0.0.1:" + down, empty.host(), mirror.host()));
    try {
      var build = RegistryImages.buildOn(second, tmp, "docker.io/library/busybox:latest");
      assertBuiltOnTheBase(build.image(second));
    } finally {
      second.close();
    }
  }
}

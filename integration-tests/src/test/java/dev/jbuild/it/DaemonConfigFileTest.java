package dev.jbuild.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jbuildd --config with a file it cannot use: the daemon stops at once with exit code 2, naming file and line. */
class DaemonConfigFileTest {
  @TempDir
  Path tmp;

  private record Exit(int code, String stderr) {}

  private Exit jbuildd(String... args) throws Exception {
    Path root = tmp.resolve("root");
    List<String> all = new java.util.ArrayList<>(List.of("--root", root.toString(),
        "--addr", "unix://" + root.resolve("jbuildd.sock")));
    all.addAll(List.of(args));
    Process p = new ProcessBuilder(JavaCommand.of("dev.jbuild.daemon.Main", all))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jbuildd kept running with a bad config; stderr:\n" + err);
    }
    return new Exit(p.exitValue(), err);
  }

  @Test
  void aBadMirrorStopsTheDaemonWithTheLineAndTheReason() throws Exception {
    Path config = Files.writeString(tmp.resolve("jbuildd.toml"), String.join("\n",
        "# registries",
        "[registry.\"docker.io\"]",
        "  mirrors = [\"https://mirror.example\"]",
        ""));
    Exit exit = jbuildd("--config", config.toString());
    assertThat(exit.code()).as(exit.stderr()).isEqualTo(2);
    assertThat(exit.stderr()).isEqualTo("jbuildd: " + config + ":3: registry.\"docker.io\".mirrors: mirror"
        + " \"https://mirror.example\" has a scheme; write host[:port] (http = true in the host's own table allows"
        + " plain HTTP)\n");
    assertThat(tmp.resolve("root/jbuildd.sock")).doesNotExist();
  }

  @Test
  void anUnknownKeyStopsTheDaemon() throws Exception {
    Path config = Files.writeString(tmp.resolve("jbuildd.toml"), "[registry.\"r.example\"]\nverify = false\n");
    Exit exit = jbuildd("--config", config.toString());
    assertThat(exit.code()).isEqualTo(2);
    assertThat(exit.stderr()).startsWith("jbuildd: " + config + ":2: registry.\"r.example\".verify: unknown key");
  }

  @Test
  void aMissingConfigFileGivenWithTheFlagStopsTheDaemon() throws Exception {
    Path missing = tmp.resolve("nowhere.toml");
    Exit exit = jbuildd("--config", missing.toString());
    assertThat(exit.code()).isEqualTo(2);
    assertThat(exit.stderr()).isEqualTo("jbuildd: " + missing + ": no such file\n");
  }
}

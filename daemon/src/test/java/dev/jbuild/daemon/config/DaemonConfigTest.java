package dev.jbuild.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.registry.HostPort;
import dev.jbuild.daemon.registry.HostSettings;
import dev.jbuild.daemon.registry.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon config file as jbuildd reads it: good files, and each kind of mistake with its line. */
class DaemonConfigTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private DaemonConfig load(String text) throws Exception {
    return DaemonConfig.load(write("jbuildd.toml", text), true);
  }

  private Path caPem(String name) throws Exception {
    return TestCertificates.ca(dir, name);
  }

  private static void failsWith(ThrowingCallable load, int line, String key, String reason) {
    assertThatThrownBy(load).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
      assertThat(e.key()).as(e.getMessage()).isEqualTo(key);
      assertThat(e.reason()).as(e.getMessage()).contains(reason);
    });
  }

  @Test
  void aGoodFileGivesMirrorsHttpInsecureCasAndTheTimeout() throws Exception {
    Path ca = caPem("myca");
    DaemonConfig c = load(String.join("\n",
        "# mirrors for Docker Hub",
        "registry-timeout = \"1m30s\"",
        "",
        "[registry.\"docker.io\"]",
        "  mirrors = [\"127.0.0.1:5000\", \"mirror.example\"]",
        "",
        "[registry.\"myreg.example:5000\"]",
        "  http = true",
        "  insecure = true",
        "  ca = [\"" + ca + "\", \"myca.pem\"]   # relative: next to this file",
        ""));

    assertThat(c.registryTimeout()).contains(Duration.ofSeconds(90));
    HostSettings hub = c.registries().get(HostPort.parse("docker.io"));
    assertThat(hub.mirrors()).containsExactly(HostPort.parse("127.0.0.1:5000"), HostPort.parse("mirror.example"));
    assertThat(hub.http()).isFalse();
    HostSettings mine = c.registries().get(HostPort.parse("myreg.example:5000"));
    assertThat(mine.http()).isTrue();
    assertThat(mine.insecure()).isTrue();
    assertThat(mine.ca()).hasSize(2);
    assertThat(mine.ca().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=myca");
  }

  @Test
  void theFlagTimeoutWinsOverTheFilesWhichWinsOverTheDefault() throws Exception {
    DaemonConfig c = load("registry-timeout = 45\n");
    assertThat(c.registryOptions(Optional.empty()).stallTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(c.registryOptions(Optional.of(Duration.ofSeconds(5))).stallTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(DaemonConfig.empty().registryOptions(Optional.empty()).stallTimeout())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void dottedKeysAndInlineTablesReadTheSame() throws Exception {
    DaemonConfig dotted = load("registry.\"docker.io\".mirrors = [\"localhost:5000\"]\n");
    DaemonConfig inline = load("[registry]\n\"docker.io\" = { mirrors = [\"localhost:5000\"] }\n");
    assertThat(dotted).isEqualTo(inline);
    assertThat(dotted.registries().get(HostPort.parse("docker.io")).mirrors())
        .containsExactly(HostPort.parse("localhost:5000"));
  }

  @Test
  void anEmptyFileIsAnEmptyConfig() throws Exception {
    assertThat(load("")).isEqualTo(DaemonConfig.empty());
    assertThat(load("# nothing yet\n")).isEqualTo(DaemonConfig.empty());
  }

  @Test
  void aMissingDefaultFileIsAnEmptyConfigButAMissingGivenFileIsAnError() throws Exception {
    Path missing = dir.resolve("none.toml");
    assertThat(DaemonConfig.load(missing, false)).isEqualTo(DaemonConfig.empty());
    assertThatThrownBy(() -> DaemonConfig.load(missing, true))
        .isInstanceOf(ConfigException.class).hasMessage(missing + ": no such file");
  }

  @Test
  void anUnknownKeyIsNamedWithItsLine() {
    failsWith(() -> load("debug = true\n"), 1, "debug", "unknown key (known here: registry, registry-timeout)");
    failsWith(() -> load("[registry.\"docker.io\"]\n  mirrors = []\n  mirror = [\"x.example\"]\n"), 3,
        "registry.\"docker.io\".mirror", "unknown key (known here: ca, http, insecure, mirrors)");
  }

  @Test
  void aValueOfTheWrongTypeIsNamedWithItsLine() {
    failsWith(() -> load("\n[registry.\"r.example\"]\nhttp = \"yes\"\n"), 3, "registry.\"r.example\".http",
        "expected true or false, not a string");
    failsWith(() -> load("[registry.\"r.example\"]\nmirrors = \"m.example\"\n"), 2,
        "registry.\"r.example\".mirrors", "expected an array of strings, not a string");
    failsWith(() -> load("[registry.\"r.example\"]\nca = [\"a.pem\", 3]\n"), 2, "registry.\"r.example\".ca",
        "element 2 is an integer");
    failsWith(() -> load("registry = 1\n"), 1, "registry", "expected a table, not an integer");
    failsWith(() -> load("[registry]\n\"r.example\" = true\n"), 2, "registry.\"r.example\"",
        "expected a table, not a boolean");
    failsWith(() -> load("registry-timeout = true\n"), 1, "registry-timeout",
        "expected a duration such as \"30s\" or a number of seconds, not a boolean");
  }

  @Test
  void aBadMirrorIsNamedWithTheLineOfItsKey() {
    failsWith(() -> load("[registry.\"docker.io\"]\nmirrors = [\n  \"ok.example\",\n  \"http://127.0.0.1:5000\",\n]\n"),
        2, "registry.\"docker.io\".mirrors", "mirror \"http://127.0.0.1:5000\" has a scheme");
    failsWith(() -> load("[registry.\"docker.io\"]\nmirrors = [\"bad_host\"]\n"), 2,
        "registry.\"docker.io\".mirrors", "\"bad_host\" is not a valid host name");
    failsWith(() -> load("[registry.\"docker.io\"]\nmirrors = [\"m.example:99999\"]\n"), 2,
        "registry.\"docker.io\".mirrors", "the port must be a number from 1 to 65535");
    failsWith(() -> load("[registry.\"docker.io\"]\nmirrors = [\"m.example/v2\"]\n"), 2,
        "registry.\"docker.io\".mirrors", "has a path");
  }

  @Test
  void aBadRegistryNameIsNamedWithItsLine() {
    failsWith(() -> load("\n\n[registry.\"https://r.example\"]\nhttp = true\n"), 3,
        "registry.\"https://r.example\"", "has a scheme");
    failsWith(() -> load("[registry]\n\"R.example\" = {}\n\"r.example\" = {}\n"), 3, "registry.\"r.example\"",
        "the same host as another table here");
  }

  @Test
  void anUnreadableCaFileIsNamedWithItsLine() throws Exception {
    failsWith(() -> load("[registry.\"r.example\"]\n\nca = [\"missing.pem\"]\n"), 3, "registry.\"r.example\".ca",
        "cannot read " + dir.resolve("missing.pem") + ": no such file");
    write("junk.pem", "not a certificate\n");
    failsWith(() -> load("[registry.\"r.example\"]\nca = [\"junk.pem\"]\n"), 2, "registry.\"r.example\".ca",
        "junk.pem");
  }

  @Test
  void inAnInlineTableTheLineIsTheTables() {
    failsWith(() -> load("[registry]\n\"r.example\" = { http = 1 }\n"), 2, "registry.\"r.example\".http",
        "expected true or false, not an integer");
  }

  @Test
  void aBadTimeoutIsNamed() {
    failsWith(() -> load("\nregistry-timeout = \"soon\"\n"), 2, "registry-timeout", "invalid duration");
    failsWith(() -> load("registry-timeout = 0\n"), 1, "registry-timeout", "must be positive");
  }

  @Test
  void aSyntaxErrorCarriesJacksonsLine() throws Exception {
    Path file = write("bad.toml", "[registry.\"docker.io\"]\nmirrors = [\"a.example\"\nhttp = true\n");
    assertThatThrownBy(() -> DaemonConfig.load(file, true)).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.line()).as(e.getMessage()).isEqualTo(3);
      assertThat(e.getMessage()).startsWith(file + ":3: ");
    });
  }

  @Test
  void theMessageIsFileLineKeyReason() {
    Path file = dir.resolve("jbuildd.toml");
    assertThatThrownBy(() -> load("[registry.\"r.example\"]\nhttp = 1\n"))
        .hasMessage(file + ":2: registry.\"r.example\".http: expected true or false, not an integer");
  }
}

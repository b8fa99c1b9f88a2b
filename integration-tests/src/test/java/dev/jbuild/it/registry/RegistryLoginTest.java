package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import dev.jbuild.it.ImgDump;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FROM an image in a registry that requires a login (Debian's docker-registry with htpasswd, on loopback):
 * the daemon asks the client, which answers from its own docker config; the daemon's own HOME and
 * DOCKER_CONFIG hold a valid login for the registry and must never be used.
 */
class RegistryLoginTest {
  private static final TestRegistry.Login BOB = new TestRegistry.Login("bob", "s3cret-pw");

  @TempDir
  static Path tmp;
  static TestRegistry registry;
  static JbuildDaemon daemon;

  @BeforeAll
  static void start() throws Exception {
    registry = TestRegistry.startWithLogin(tmp.resolve("registry"), BOB);
    // the daemon's host has bob's login, both where DOCKER_CONFIG points and in its HOME: a client without
    // a login of its own must still be refused
    Path daemonHome = Files.createDirectories(tmp.resolve("daemon-home"));
    Path daemonDocker = dockerConfig(daemonHome.resolve(".docker"), auths(BOB.user(), BOB.password()));
    daemon = JbuildDaemon.start(tmp.resolve("root"),
        Map.of("HOME", daemonHome.toString(), "DOCKER_CONFIG", daemonDocker.toString()));

    Path ctx = Files.createDirectories(tmp.resolve("base"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY etc/ /etc/\nENV FROM_BASE=yes\n");
    Files.createDirectories(ctx.resolve("etc"));
    Files.writeString(ctx.resolve("etc/os-release"), "NAME=private\n");
    Path oci = tmp.resolve("base.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--output", "type=oci,dest=" + oci, ".");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    registry.push(oci, "private/base:1");
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private static String auths(String user, String password) {
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \"" + auth + "\"}}}";
  }

  private static Path dockerConfig(Path dir, String json) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), json);
    return dir;
  }

  /** Builds FROM the private image as a client whose environment adds {@code env}; the CLI's result. */
  private static JbuildCli.Result build(Map<String, String> env, Path out) throws Exception {
    Path ctx = Files.createTempDirectory(tmp, "app");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + registry.host() + "/private/base:1\nCOPY app.txt /\n");
    Files.writeString(ctx.resolve("app.txt"), "app\n");
    return JbuildCli.run(env, daemon.address(), ctx, "build", "--output", "type=oci,dest=" + out, ".");
  }

  private static long questionsInDaemonLog() throws IOException {
    return Files.readAllLines(daemon.log()).stream()
        .filter(l -> l.contains("asking the client for its credentials for " + registry.host())).count();
  }

  @Test
  void aClientWithTheLoginInItsDockerConfigBuildsOnThePrivateImage() throws Exception {
    Path config = dockerConfig(Files.createTempDirectory(tmp, "client-docker"), auths(BOB.user(), BOB.password()));
    Path out = tmp.resolve("with-login.tar");
    long asked = questionsInDaemonLog();

    JbuildCli.Result r = build(Map.of("DOCKER_CONFIG", config.toString()), out);

    assertThat(r.exitCode()).as(r.describe() + "\n" + daemon.logTail()).isZero();
    JsonNode image = new ObjectMapper().readTree(ImgDump.locate().summarizeOci(out));
    assertThat(image.get("files").has("/etc/os-release")).isTrue();
    assertThat(image.get("files").has("/app.txt")).isTrue();
    assertThat(image.get("config").get("Env").toString()).contains("FROM_BASE=yes");
    assertThat(questionsInDaemonLog() - asked).as("one question for the build's resolve and pull").isEqualTo(1);
    assertThat(Files.readString(daemon.log())).doesNotContain(BOB.password());
  }

  @Test
  void aLoginFromTheClientsCredentialHelperWorksToo() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("client-bin"));
    Path helper = bin.resolve("docker-credential-jbuildtest");
    Files.writeString(helper, "#!/bin/sh\n[ \"$1\" = get ] || exit 3\n[ \"$(cat)\" = \"" + registry.host()
        + "\" ] || { echo 'credentials not found in native keychain'; exit 1; }\n"
        + "echo '{\"Username\":\"" + BOB.user() + "\",\"Secret\":\"" + BOB.password() + "\"}'\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path config = dockerConfig(Files.createTempDirectory(tmp, "client-docker"), "{\"credsStore\": \"jbuildtest\"}");

    JbuildCli.Result r = build(Map.of("DOCKER_CONFIG", config.toString(),
        "PATH", bin + ":" + System.getenv("PATH")), tmp.resolve("with-helper.tar"));

    assertThat(r.exitCode()).as(r.describe() + "\n" + daemon.logTail()).isZero();
  }

  @Test
  void aClientWithoutALoginIsRefusedNamingTheRegistryEvenThoughTheDaemonsHostHasOne() throws Exception {
    Path empty = Files.createTempDirectory(tmp, "client-docker");
    Path home = Files.createTempDirectory(tmp, "client-home");

    JbuildCli.Result r = build(Map.of("DOCKER_CONFIG", empty.toString(), "HOME", home.toString()),
        tmp.resolve("no-login.tar"));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).as(r.describe()).contains("registry " + registry.host()
        + " requires credentials for private/base and the client has none (docker login " + registry.host() + ")");
  }

  @Test
  void aWrongPasswordIsRefusedNamingTheRegistryAndUser() throws Exception {
    Path config = dockerConfig(Files.createTempDirectory(tmp, "client-docker"), auths(BOB.user(), "wrong"));

    JbuildCli.Result r = build(Map.of("DOCKER_CONFIG", config.toString()), tmp.resolve("wrong.tar"));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).as(r.describe()).contains(registry.host()
        + ": authentication failed for user \"bob\" (registry refused the credentials)");
  }

  @Test
  void aBrokenDockerConfigOnTheClientIsNamed() throws Exception {
    Path config = dockerConfig(Files.createTempDirectory(tmp, "client-docker"), "{\"auths\": {\n");

    JbuildCli.Result r = build(Map.of("DOCKER_CONFIG", config.toString()), tmp.resolve("broken.tar"));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).as(r.describe()).contains(config.resolve("config.json") + ":");
  }

  @Test
  void jbuildGraphDrawsThePrivateImageByNameAndSaysWhyItHasNoConfig() throws Exception {
    Path ctx = Files.createTempDirectory(tmp, "graph");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + registry.host() + "/private/base:1\nCOPY a /\n");

    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "graph", ".");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout()).as(r.describe()).contains(registry.host() + "/private/base:1")
        .contains("jbuild graph does not send registry logins");
  }
}

package dev.jbuild.client.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's logins from a real config.json and real credential helper programs (small shell scripts on
 * the PATH given to the reader), as docker would find them.
 */
class DockerCredentialsTest {
  @TempDir
  Path tmp;

  private Path config(String json) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("docker"));
    Files.writeString(dir.resolve("config.json"), json);
    return dir;
  }

  private DockerCredentials credentials(Path configDir) {
    return DockerCredentials.of(Map.of("DOCKER_CONFIG", configDir.toString(), "PATH", tmp.resolve("bin").toString()),
        tmp.resolve("home"));
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bin/docker-credential-NAME: a shell script with {@code body}; the server URL is on its stdin. */
  private void helper(String name, String body) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\n[ \"$1\" = get ] || exit 3\nurl=$(cat)\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aBase64AuthInAuthsIsUserAndPassword() throws Exception {
    Path dir = config("{\"auths\": {\"127.0.0.1:5000\": {\"auth\": \"" + base64("bob:s3:cret") + "\"}}}");
    assertThat(credentials(dir).forHost("127.0.0.1:5000")).contains(new RegistryLogin("bob", "s3:cret", ""));
    assertThat(credentials(dir).forHost("127.0.0.1:5001")).isEmpty();
  }

  @Test
  void separateUsernamePasswordAndIdentityTokenFieldsAreRead() throws Exception {
    Path dir = config("{\"auths\": {\"a.example\": {\"username\": \"ann\", \"password\": \"pw\"},"
        + " \"b.example\": {\"username\": \"ben\", \"identitytoken\": \"refresh-1\"}}}");
    assertThat(credentials(dir).forHost("a.example")).contains(new RegistryLogin("ann", "pw", ""));
    assertThat(credentials(dir).forHost("b.example")).contains(new RegistryLogin("ben", "", "refresh-1"));
  }

  @Test
  void dockerHubIsItsIndexUrlAndOtherKeysMayBeUrls() throws Exception {
    Path dir = config("{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"" + base64("hubuser:pw") + "\"},"
        + " \"https://registry.example:5000/v2/\": {\"auth\": \"" + base64("eve:pw2") + "\"}}}");
    assertThat(credentials(dir).forHost("docker.io")).contains(new RegistryLogin("hubuser", "pw", ""));
    assertThat(credentials(dir).forHost("registry.example:5000")).contains(new RegistryLogin("eve", "pw2", ""));
    assertThat(credentials(dir).forHost("registry.example")).as("another port is another registry").isEmpty();
  }

  @Test
  void anEmptyEntryLeftByALoginToAStoreIsNoLogin() throws Exception {
    Path dir = config("{\"auths\": {\"ghcr.io\": {}}}");
    assertThat(credentials(dir).forHost("ghcr.io")).isEmpty();
  }

  @Test
  void dockerConfigWinsOverTheHomeDirectoryAndAMissingFileMeansNoLogins() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home/.docker"));
    Files.writeString(home.resolve("config.json"), "{\"auths\": {\"h\": {\"auth\": \"" + base64("home:pw") + "\"}}}");
    Path dir = config("{\"auths\": {\"h\": {\"auth\": \"" + base64("env:pw") + "\"}}}");

    assertThat(credentials(dir).forHost("h")).contains(new RegistryLogin("env", "pw", ""));
    assertThat(DockerCredentials.of(Map.of(), tmp.resolve("home")).forHost("h"))
        .contains(new RegistryLogin("home", "pw", ""));
    assertThat(DockerCredentials.of(Map.of("DOCKER_CONFIG", tmp.resolve("none").toString()), tmp.resolve("home"))
        .forHost("h")).isEmpty();
  }

  @Test
  void aRegistrysOwnHelperIsAskedWithItsKeyOnStdin() throws Exception {
    helper("test", "printf '{\"ServerURL\":\"%s\",\"Username\":\"user-for-%s\",\"Secret\":\"pw\"}' \"$url\" \"$url\"");
    Path dir = config("{\"auths\": {\"127.0.0.1:5000\": {\"auth\": \"" + base64("stale:pw") + "\"}},"
        + " \"credHelpers\": {\"127.0.0.1:5000\": \"test\", \"docker.io\": \"test\"}}");
    assertThat(credentials(dir).forHost("127.0.0.1:5000"))
        .contains(new RegistryLogin("user-for-127.0.0.1:5000", "pw", ""));
  }

  @Test
  void theDefaultStoreAnswersForEveryOtherRegistryAndNotFoundIsNoLogin() throws Exception {
    helper("store", "case \"$url\" in\n"
        + "  https://index.docker.io/v1/) echo '{\"Username\":\"<token>\",\"Secret\":\"refresh-2\"}' ;;\n"
        + "  *) echo 'credentials not found in native keychain'; exit 1 ;;\n"
        + "esac");
    helper("own", "echo '{\"Username\":\"own\",\"Secret\":\"pw\"}'");
    Path dir = config("{\"credsStore\": \"store\", \"credHelpers\": {\"ghcr.io\": \"own\"},"
        + " \"auths\": {\"quay.io\": {\"auth\": \"" + base64("ignored:pw") + "\"}}}");
    DockerCredentials c = credentials(dir);

    assertThat(c.forHost("docker.io")).as("<token> means an identity token")
        .contains(new RegistryLogin("", "", "refresh-2"));
    assertThat(c.forHost("ghcr.io")).contains(new RegistryLogin("own", "pw", ""));
    assertThat(c.forHost("quay.io")).as("with a store, docker reads no secret from auths").isEmpty();
  }

  @Test
  void aHelperThatIsNotOnThePathIsNamedWithTheFileThatConfiguresIt() throws Exception {
    Path dir = config("{\"credsStore\": \"desktop\"}");
    assertThatThrownBy(() -> credentials(dir).forHost("docker.io")).isInstanceOf(CredentialsException.class)
        .hasMessage("credential helper docker-credential-desktop (credsStore in " + dir.resolve("config.json")
            + ") is not on PATH");
  }

  @Test
  void aFailingHelperIsQuoted() throws Exception {
    helper("broken", "echo 'cannot unlock the keyring' >&2; exit 2");
    Path dir = config("{\"credHelpers\": {\"ghcr.io\": \"broken\"}}");
    assertThatThrownBy(() -> credentials(dir).forHost("ghcr.io")).isInstanceOf(CredentialsException.class)
        .hasMessageContaining("docker-credential-broken get ghcr.io (credHelpers in " + dir.resolve("config.json"))
        .hasMessageEndingWith("failed with exit status 2: cannot unlock the keyring");
  }

  @Test
  void brokenJsonNamesTheFileAndLine() throws Exception {
    Path dir = config("{\n  \"auths\": {\n    \"h\": {\"auth\": \"x\"},\n  }\n}\n");
    assertThatThrownBy(() -> credentials(dir).forHost("h")).isInstanceOf(CredentialsException.class)
        .hasMessageStartingWith(dir.resolve("config.json") + ":4: invalid JSON: ");
  }

  @Test
  void anAuthThatIsNotBase64NamesTheFileAndRegistry() throws Exception {
    Path dir = config("{\"auths\": {\"h\": {\"auth\": \"not base64!\"}}}");
    assertThatThrownBy(() -> credentials(dir).forHost("h"))
        .hasMessage(dir.resolve("config.json") + ": the auth of \"h\" is not valid base64");
    Path other = config("{\"auths\": {\"h\": {\"auth\": \"" + base64("no-colon") + "\"}}}");
    assertThatThrownBy(() -> credentials(other).forHost("h"))
        .hasMessage(other.resolve("config.json") + ": the auth of \"h\" does not hold user:password");
  }

  @Test
  void aSecretNeverShowsInText() {
    assertThat(new RegistryLogin("bob", "s3cret", "refresh-9").toString()).doesNotContain("s3cret")
        .doesNotContain("refresh-9");
    assertThat(Optional.of(new RegistryLogin("bob", "s3cret", "")).toString()).doesNotContain("s3cret");
  }
}

package dev.jbuild.client.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper ({@code docker-credential-NAME}, found on the client's PATH), asked the way docker
 * asks it: {@code get} with the registry key on stdin, a JSON {@code {"Username", "Secret"}} on stdout, and
 * "credentials not found" (with a failing exit) when it has none. A user name of {@code <token>} means the
 * secret is an identity token.
 */
final class CredentialHelper {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_USER = "<token>";
  // a helper may ask the user (a keyring to unlock): generous, but never forever
  private static final long TIMEOUT_SECONDS = 300;

  private final String name;
  private final List<Path> path;
  private final String origin;

  /**
   * @param name   the NAME of docker-credential-NAME
   * @param path   the directories searched for it, in order (the client's PATH)
   * @param origin where the helper was configured, for messages (e.g. "credsStore in /home/u/.docker/config.json")
   */
  CredentialHelper(String name, List<Path> path, String origin) {
    this.name = name;
    this.path = path;
    this.origin = origin;
  }

  private String program() {
    return "docker-credential-" + name;
  }

  Optional<RegistryLogin> get(String key) throws CredentialsException, InterruptedException {
    Path exe = locate();
    Process p;
    try {
      p = new ProcessBuilder(exe.toString(), "get").start();
    } catch (IOException e) {
      throw new CredentialsException("cannot run " + exe + " (" + origin + "): " + e.getMessage(), e);
    }
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Thread outReader = drain(p.getInputStream(), stdout);
    Thread errReader = drain(p.getErrorStream(), stderr);
    try {
      try (OutputStream in = p.getOutputStream()) {
        in.write(key.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // a helper that exits without reading its stdin: its exit status and output tell the rest
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new CredentialsException(program() + " get (" + origin + ") did not answer within "
            + TIMEOUT_SECONDS + " s");
      }
      outReader.join();
      errReader.join(1000);
    } finally {
      p.destroyForcibly();
    }
    String out = stdout.toString(StandardCharsets.UTF_8).trim();
    if (p.exitValue() != 0) {
      if (out.toLowerCase(Locale.ROOT).contains("credentials not found")) {
        return Optional.empty();
      }
      String why = out.isEmpty() ? stderr.toString(StandardCharsets.UTF_8).trim() : out;
      throw new CredentialsException(program() + " get " + key + " (" + origin + ") failed with exit status "
          + p.exitValue() + (why.isEmpty() ? "" : ": " + why));
    }
    return parse(key, out);
  }

  private Optional<RegistryLogin> parse(String key, String out) throws CredentialsException {
    JsonNode answer;
    try {
      answer = JSON.readTree(out);
    } catch (IOException e) {
      throw new CredentialsException(program() + " get " + key + " (" + origin + ") did not answer in JSON: "
          + e.getMessage(), e);
    }
    if (answer == null || !answer.isObject()) {
      throw new CredentialsException(program() + " get " + key + " (" + origin + ") did not answer a JSON object");
    }
    String user = answer.path("Username").asText("");
    String secret = answer.path("Secret").asText("");
    if (user.isEmpty() && secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(user.equals(TOKEN_USER) ? new RegistryLogin("", "", secret) : new RegistryLogin(user, secret, ""));
  }

  private Path locate() throws CredentialsException {
    for (Path dir : path) {
      Path candidate = dir.resolve(program());
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new CredentialsException("credential helper " + program() + " (" + origin + ") is not on PATH");
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream into) {
    Thread t = new Thread(() -> {
      try (in) {
        in.transferTo(into);
      } catch (IOException ignored) {
        // the helper went away: what arrived is kept
      }
    }, "credential-helper-stderr");
    t.setDaemon(true);
    t.start();
    return t;
  }
}

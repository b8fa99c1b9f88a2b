package dev.jbuild.client.credentials;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This machine's registry logins, found as docker finds them: {@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}; a registry's own credential helper ({@code credHelpers}), else the default
 * one ({@code credsStore}), else the login stored in {@code auths}. The client answers the daemon's
 * credentials requests from here, so that a build pulls as the user who started it, whatever machine the
 * daemon runs on. The config file is read once, at the first question; helpers are run at each.
 */
public final class DockerCredentials {
  private final Path configFile;
  private final List<Path> path;
  private DockerConfig config; // guarded by this, read once

  DockerCredentials(Path configFile, List<Path> path) {
    this.configFile = configFile;
    this.path = List.copyOf(path);
  }

  /**
   * The logins of the user whose environment this is.
   *
   * @param env  DOCKER_CONFIG (a directory) and PATH (where helpers are looked for) are read from it
   * @param home the user's home, for ~/.docker/config.json
   */
  public static DockerCredentials of(Map<String, String> env, Path home) {
    String dir = env.get("DOCKER_CONFIG");
    Path file = dir != null && !dir.isEmpty() ? Path.of(dir, "config.json") : home.resolve(".docker/config.json");
    List<Path> path = new ArrayList<>();
    for (String entry : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        path.add(Path.of(entry));
      }
    }
    return new DockerCredentials(file, path);
  }

  /** Where the logins are read from. */
  public Path configFile() {
    return configFile;
  }

  /**
   * The login for a registry as image names write it ("docker.io", "ghcr.io", "127.0.0.1:5000"), empty when
   * there is none.
   *
   * @throws CredentialsException when config.json is broken or a helper fails (the message says which)
   */
  public Optional<RegistryLogin> forHost(String host) throws CredentialsException, InterruptedException {
    DockerConfig c = config();
    String key = RegistryKeys.forHost(host);
    Optional<String> helper = c.helperFor(key);
    if (helper.isPresent()) {
      String origin = (c.hasOwnHelper(key) ? "credHelpers" : "credsStore") + " in " + c.file();
      return new CredentialHelper(helper.get(), path, origin).get(key);
    }
    return c.storedLogin(key);
  }

  private synchronized DockerConfig config() throws CredentialsException {
    if (config == null) {
      config = DockerConfig.read(configFile);
    }
    return config;
  }
}

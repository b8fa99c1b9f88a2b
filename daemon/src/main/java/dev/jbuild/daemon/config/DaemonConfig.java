package dev.jbuild.daemon.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.jbuild.daemon.frontend.dockerfile.text.GoDuration;
import dev.jbuild.daemon.registry.HostPort;
import dev.jbuild.daemon.registry.HostSettings;
import dev.jbuild.daemon.registry.RegistryOptions;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * jbuildd's config file, TOML in the spirit of buildkitd.toml (default {@link #DEFAULT_PATH}):
 * <pre>
 * registry-timeout = "30s"       # optional; --registry-timeout wins over it
 *
 * [registry."docker.io"]
 *   mirrors = ["127.0.0.1:5000"]
 * </pre>
 * Per-registry keys: {@link RegistryTable}. Every unknown key, wrong type or unusable value stops the daemon
 * with a {@link ConfigException} naming the file, line and key; CA files are read here, at start.
 *
 * @param registryTimeout how long a registry may send nothing, when the file says
 * @param registries      settings per registry host
 */
public record DaemonConfig(Optional<Duration> registryTimeout, Map<HostPort, HostSettings> registries) {
  public static final Path DEFAULT_PATH = Path.of("/etc/jbuild/jbuildd.toml");
  private static final Set<String> KEYS = Set.of("registry-timeout", "registry");
  private static final TomlMapper TOML = new TomlMapper();

  public DaemonConfig {
    registries = Map.copyOf(registries);
  }

  public static DaemonConfig empty() {
    return new DaemonConfig(Optional.empty(), Map.of());
  }

  /**
   * Reads {@code file}.
   *
   * @param mustExist false for the default path: a missing file is then an empty config
   */
  public static DaemonConfig load(Path file, boolean mustExist) throws ConfigException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      if (!mustExist) {
        return empty();
      }
      throw new ConfigException(file, 0, "", "no such file");
    } catch (CharacterCodingException e) {
      throw new ConfigException(file, 0, "", "not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(file, 0, "", "cannot read: " + e.getMessage());
    }
    return parse(file, text);
  }

  /** Parses {@code text} as the content of {@code file} (named in errors; relative CA paths start there). */
  static DaemonConfig parse(Path file, String text) throws ConfigException {
    JsonNode tree;
    try {
      tree = TOML.readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new ConfigException(file, at == null ? 0 : Math.max(0, at.getLineNr()), "", e.getOriginalMessage());
    }
    ConfigSource source = new ConfigSource(file, KeyLines.of(text));
    ObjectNode top = tree instanceof ObjectNode o ? o : TOML.createObjectNode(); // an empty file reads as nothing
    source.onlyKeys(top, KeyPath.ROOT, KEYS);
    Optional<Duration> timeout = Optional.empty();
    if (top.has("registry-timeout")) {
      timeout = Optional.of(timeout(top.get("registry-timeout"), KeyPath.ROOT.child("registry-timeout"), source));
    }
    Map<HostPort, HostSettings> registries = Map.of();
    if (top.has("registry")) {
      registries = RegistryTable.read(top.get("registry"), KeyPath.ROOT.child("registry"), source);
    }
    return new DaemonConfig(timeout, registries);
  }

  /** "30s", "1m30s" (Go durations, as buildkitd.toml writes them) or a whole number of seconds. */
  private static Duration timeout(JsonNode value, KeyPath key, ConfigSource source) throws ConfigException {
    Duration d;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      d = Duration.ofSeconds(value.longValue());
    } else if (value.isTextual()) {
      try {
        d = Duration.ofNanos(GoDuration.parse(value.textValue()));
      } catch (GoDuration.DurationException e) {
        throw source.error(key, e.getMessage());
      }
    } else {
      throw source.wrongType(value, key, "a duration such as \"30s\" or a number of seconds");
    }
    if (d.isNegative() || d.isZero()) {
      throw source.error(key, "must be positive");
    }
    return d;
  }

  /** The daemon's registry options: {@code flagTimeout} wins over the file's timeout, which wins over 30 s. */
  public RegistryOptions registryOptions(Optional<Duration> flagTimeout) {
    Duration timeout = flagTimeout.or(() -> registryTimeout).orElse(RegistryOptions.DEFAULT_STALL_TIMEOUT);
    return new RegistryOptions(timeout, registries);
  }
}

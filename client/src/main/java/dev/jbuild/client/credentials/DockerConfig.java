package dev.jbuild.client.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credential parts of a docker {@code config.json}: {@code auths} (a login per registry key), {@code
 * credHelpers} (a helper per registry key) and {@code credsStore} (the helper for every other registry).
 * Keys are what {@code docker login} writes: {@code https://index.docker.io/v1/} for Docker Hub,
 * {@code host[:port]} (sometimes a URL) for the others. A missing file is an empty config.
 */
final class DockerConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, JsonNode> auths;
  private final Map<String, String> credHelpers;
  private final String credsStore;

  private DockerConfig(Path file, Map<String, JsonNode> auths, Map<String, String> credHelpers, String credsStore) {
    this.file = file;
    this.auths = auths;
    this.credHelpers = credHelpers;
    this.credsStore = credsStore;
  }

  /** @throws CredentialsException naming the file (and the line, for broken JSON) */
  static DockerConfig read(Path file) throws CredentialsException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new DockerConfig(file, Map.of(), Map.of(), "");
    } catch (IOException e) {
      throw new CredentialsException("cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new CredentialsException(file + (line > 0 ? ":" + line : "") + ": invalid JSON: " + e.getOriginalMessage(),
          e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new DockerConfig(file, Map.of(), Map.of(), "");
    }
    if (!root.isObject()) {
      throw new CredentialsException(file + ": a docker config must be a JSON object");
    }
    Map<String, JsonNode> auths = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(file, root, "auths")) {
      if (!e.getValue().isObject()) {
        throw new CredentialsException(file + ": auths[\"" + e.getKey() + "\"] must be an object");
      }
      auths.put(e.getKey(), e.getValue());
    }
    Map<String, String> helpers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(file, root, "credHelpers")) {
      if (!e.getValue().isTextual()) {
        throw new CredentialsException(file + ": credHelpers[\"" + e.getKey() + "\"] must be a string");
      }
      helpers.put(e.getKey(), e.getValue().asText());
    }
    JsonNode store = root.path("credsStore");
    if (!store.isMissingNode() && !store.isNull() && !store.isTextual()) {
      throw new CredentialsException(file + ": credsStore must be a string");
    }
    return new DockerConfig(file, auths, helpers, store.isTextual() ? store.asText() : "");
  }

  private static List<Map.Entry<String, JsonNode>> fields(Path file, JsonNode root, String name)
      throws CredentialsException {
    JsonNode node = root.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isObject()) {
      throw new CredentialsException(file + ": " + name + " must be an object");
    }
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    node.fields().forEachRemaining(entries::add);
    return entries;
  }

  Path file() {
    return file;
  }

  /** The helper named for {@code key} in credHelpers, else credsStore, else empty (use auths). */
  Optional<String> helperFor(String key) {
    Optional<String> own = RegistryKeys.lookup(credHelpers, key);
    if (own.isPresent()) {
      return own.filter(h -> !h.isEmpty());
    }
    return credsStore.isEmpty() ? Optional.empty() : Optional.of(credsStore);
  }

  /** Whether the helper for {@code key} comes from credHelpers (for messages). */
  boolean hasOwnHelper(String key) {
    return RegistryKeys.lookup(credHelpers, key).isPresent();
  }

  /** The login stored in auths for {@code key}; empty when there is none or the entry holds nothing. */
  Optional<RegistryLogin> storedLogin(String key) throws CredentialsException {
    Optional<JsonNode> entry = RegistryKeys.lookup(auths, key);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    JsonNode e = entry.get();
    String username = e.path("username").asText("");
    String password = e.path("password").asText("");
    String auth = e.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException bad) {
        throw new CredentialsException(file + ": the auth of \"" + key + "\" is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new CredentialsException(file + ": the auth of \"" + key + "\" does not hold user:password");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    RegistryLogin login = new RegistryLogin(username, password, e.path("identitytoken").asText(""));
    boolean empty = login.username().isEmpty() && login.secret().isEmpty() && login.identityToken().isEmpty();
    return empty ? Optional.empty() : Optional.of(login);
  }
}

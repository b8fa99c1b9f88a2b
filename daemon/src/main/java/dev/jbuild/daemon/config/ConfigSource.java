package dev.jbuild.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One config file being read: its values by type, each wrong one turned into a {@link ConfigException} naming
 * the file, the line and the key.
 */
final class ConfigSource {
  private final Path file;
  private final KeyLines lines;

  ConfigSource(Path file, KeyLines lines) {
    this.file = file;
    this.lines = lines;
  }

  ConfigException error(KeyPath key, String reason) {
    return new ConfigException(file, lines.lineOf(key), key.toString(), reason);
  }

  /** A relative path in the file is taken from the file's directory, whatever the daemon's working directory. */
  Path resolve(String path) {
    Path dir = file.toAbsolutePath().getParent();
    return dir == null ? Path.of(path) : dir.resolve(path);
  }

  /** Fails on the first key of {@code table} that is not in {@code known}. */
  void onlyKeys(ObjectNode table, KeyPath at, Set<String> known) throws ConfigException {
    for (Iterator<String> names = table.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw error(at.child(name), "unknown key (known here: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  ObjectNode table(JsonNode value, KeyPath key) throws ConfigException {
    if (value instanceof ObjectNode table) {
      return table;
    }
    throw wrongType(value, key, "a table");
  }

  boolean bool(JsonNode value, KeyPath key) throws ConfigException {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    throw wrongType(value, key, "true or false");
  }

  List<String> strings(JsonNode value, KeyPath key) throws ConfigException {
    if (!value.isArray()) {
      throw wrongType(value, key, "an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw error(key, "expected an array of strings, but element " + (out.size() + 1) + " is "
            + typeOf(element));
      }
      out.add(element.textValue());
    }
    return out;
  }

  ConfigException wrongType(JsonNode value, KeyPath key, String expected) {
    return error(key, "expected " + expected + ", not " + typeOf(value));
  }

  /** TOML's name for the type of a value Jackson read. */
  static String typeOf(JsonNode value) {
    if (value.isTextual()) {
      return "a string";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    if (value.isIntegralNumber()) {
      return "an integer";
    }
    if (value.isNumber()) {
      return "a float";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isObject()) {
      return "a table";
    }
    return "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}

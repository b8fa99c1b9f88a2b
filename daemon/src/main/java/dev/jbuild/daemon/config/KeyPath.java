package dev.jbuild.daemon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A key of the config file from the top, e.g. registry, "docker.io", mirrors; written as TOML writes it. */
record KeyPath(List<String> parts) {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_-]+");
  static final KeyPath ROOT = new KeyPath(List.of());

  KeyPath {
    parts = List.copyOf(parts);
  }

  KeyPath child(String key) {
    List<String> longer = new ArrayList<>(parts);
    longer.add(key);
    return new KeyPath(longer);
  }

  KeyPath parent() {
    return new KeyPath(parts.subList(0, Math.max(0, parts.size() - 1)));
  }

  /** registry."docker.io".mirrors */
  @Override
  public String toString() {
    List<String> written = new ArrayList<>();
    for (String p : parts) {
      written.add(BARE.matcher(p).matches() ? p : "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return String.join(".", written);
  }
}

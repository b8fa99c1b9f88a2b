package dev.jbuild.daemon.config;

import java.nio.file.Path;

/**
 * A daemon config file that cannot be used. The message is what jbuildd prints before it stops:
 * {@code FILE:LINE: KEY: REASON}, without the line when the file has none to show (a missing file), and without
 * the key for a syntax error.
 */
public final class ConfigException extends Exception {
  private final Path file;
  private final int line;
  private final String key;
  private final String reason;

  /**
   * @param line 1-based, or 0 for none
   * @param key  the dotted key as the file writes it ({@code registry."docker.io".mirrors}), or empty
   */
  ConfigException(Path file, int line, String key, String reason) {
    super(file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + reason);
    this.file = file;
    this.line = line;
    this.key = key;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  /** 1-based line, 0 when there is none to show. */
  public int line() {
    return line;
  }

  public String key() {
    return key;
  }

  public String reason() {
    return reason;
  }
}

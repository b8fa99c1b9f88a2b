package dev.jbuild.proto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Version and build id of this installation, shared by client and daemon: a client restarts a daemon it
 * auto-started when the build ids differ (an older install still running).
 */
public record BuildInfo(String version, String buildId) {

  private static final BuildInfo CURRENT = load();

  public static BuildInfo current() {
    return CURRENT;
  }

  private static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(p.getProperty("version", "dev"), p.getProperty("build.id", "dev"));
  }
}

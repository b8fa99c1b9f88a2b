package dev.jbuild.client.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.patterns.PatternMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerIgnoreFileTest {

  @Test
  void readsRulesLikeMoby() {
    String content = "\uFEFFtest1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! \n"
        + "  spaced/./dir/  \n";
    assertThat(DockerIgnoreFile.parse(content)).containsExactly(
        "test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path", "!", "!", "spaced/dir");
  }

  @Test
  void dockerfileSpecificIgnoreFileWins(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".dockerignore"), "general\n");
    Files.writeString(dir.resolve("app.Dockerfile.dockerignore"), "specific\n");
    DockerIgnoreFile found = DockerIgnoreFile.find(dir.resolve("app.Dockerfile"), dir).orElseThrow();
    assertThat(found.patterns()).containsExactly("specific");
    assertThat(found.file()).isEqualTo(dir.resolve("app.Dockerfile.dockerignore"));

    DockerIgnoreFile fallback = DockerIgnoreFile.find(dir.resolve("Dockerfile"), dir).orElseThrow();
    assertThat(fallback.patterns()).containsExactly("general");
  }

  @Test
  void noIgnoreFile(@TempDir Path dir) throws Exception {
    assertThat(DockerIgnoreFile.find(dir.resolve("Dockerfile"), dir)).isEmpty();
  }

  @Test
  void leadingSlashInAnIgnoreFileMeansTheContextRoot() throws Exception {
    PatternMatcher m = PatternMatcher.compile(DockerIgnoreFile.parse("/docs/\n"));
    assertThat(m.matchesOrParentMatches("docs/a/b")).isTrue();
    assertThat(m.matchesOrParentMatches("src/docs/a")).isFalse();
  }
}

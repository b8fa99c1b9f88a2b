package dev.jbuild.client.context;

import dev.jbuild.patterns.GoPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ignore rules of a build: {@code <Dockerfile>.dockerignore} beside the Dockerfile if it exists, else
 * {@code <context>/.dockerignore}. Lines are read as moby's {@code ignorefile.ReadAll} does.
 */
public record DockerIgnoreFile(Path file, List<String> patterns) {

  public DockerIgnoreFile {
    patterns = List.copyOf(patterns);
  }

  /** Finds and reads the ignore file that applies; empty when there is none. */
  public static Optional<DockerIgnoreFile> find(Path dockerfile, Path contextDir) throws IOException {
    Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
    for (Path candidate : List.of(specific, contextDir.resolve(".dockerignore"))) {
      if (Files.isRegularFile(candidate)) {
        String text = Files.readString(candidate, StandardCharsets.UTF_8);
        return Optional.of(new DockerIgnoreFile(candidate, parse(text)));
      }
    }
    return Optional.empty();
  }

  /**
   * Comments ("#" in the first column) and blank lines are dropped; each rule is trimmed, cleaned, and its
   * leading "/" removed ("/foo" and "foo" are the same rule), keeping a leading "!".
   */
  public static List<String> parse(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> rules = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        String pattern = line.strip();
        if (pattern.isEmpty()) {
          continue;
        }
        boolean invert = pattern.charAt(0) == '!';
        if (invert) {
          pattern = pattern.substring(1).strip();
        }
        if (!pattern.isEmpty()) {
          pattern = GoPaths.clean(pattern);
          if (pattern.length() > 1 && pattern.charAt(0) == '/') {
            pattern = pattern.substring(1);
          }
        }
        rules.add(invert ? "!" + pattern : pattern);
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return rules;
  }
}

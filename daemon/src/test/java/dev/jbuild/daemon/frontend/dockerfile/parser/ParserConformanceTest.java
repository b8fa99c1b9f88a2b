package dev.jbuild.daemon.frontend.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** BuildKit's own parser fixtures (copied with their license under test resources frontend/conformance). */
class ParserConformanceTest {
  private static final Path ROOT = resource("frontend/conformance/parser");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT.resolve("testfiles"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void dumpMatchesBuildKitResult(String name) throws Exception {
    Path dir = ROOT.resolve("testfiles").resolve(name);
    ParsedFile parsed = DockerfileParser.parse(Files.readAllBytes(dir.resolve("Dockerfile")));
    String expected = Files.readString(dir.resolve("result"), StandardCharsets.UTF_8);
    assertThat(parsed.dump()).isEqualTo(expected);
  }

  @Test
  void emptyAndCommentOnlyFilesHaveNoInstructions() {
    for (String name : List.of("empty_dockerfile", "only_comments")) {
      assertThatThrownBy(() -> parseNegative(name)).isInstanceOf(DockerfileError.class)
          .hasMessage("file with no instructions");
    }
  }

  @Test
  void envWithoutValueFails() {
    assertThatThrownBy(() -> parseNegative("env_no_value")).hasMessage("ENV must have two arguments");
  }

  @Test
  void nestedJsonFails() {
    assertThatThrownBy(() -> parseNegative("shykes-nested-json"))
        .hasMessage("when using JSON array syntax, arrays must be comprised of strings only");
  }

  @Test
  void lineNumbersMatchBuildKit() throws Exception {
    // extra/line-info.json: children span [5,5], [11,12], [17,31]
    ParsedFile parsed = DockerfileParser.parse(Files.readAllBytes(ROOT.resolve("testfile-line/Dockerfile")));
    assertThat(parsed.instructions()).extracting(n -> List.of(n.startLine(), n.endLine()))
        .containsExactly(List.of(5, 5), List.of(11, 12), List.of(17, 31));
  }

  private static ParsedFile parseNegative(String name) throws Exception {
    return DockerfileParser.parse(Files.readAllBytes(ROOT.resolve("testfiles-negative").resolve(name)
        .resolve("Dockerfile")));
  }

  private static Path resource(String name) {
    try {
      return Path.of(ParserConformanceTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.jbuild.daemon.frontend.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    JsonNode info = new ObjectMapper().readTree(ROOT.resolve("extra/line-info.json").toFile());
    List<List<Integer>> expected = new ArrayList<>();
    info.get("children").forEach(c -> expected.add(List.of(c.get(0).asInt(), c.get(1).asInt())));
    ParsedFile parsed = DockerfileParser.parse(Files.readAllBytes(ROOT.resolve("testfile-line/Dockerfile")));
    assertThat(parsed.instructions()).extracting(n -> List.of(n.startLine(), n.endLine()))
        .isEqualTo(expected).hasSize(info.get("root").get("children").asInt());
    assertThat(parsed.instructions().get(0).startLine()).isEqualTo(info.get("root").get("start").asInt());
    assertThat(parsed.instructions().get(2).endLine()).isEqualTo(info.get("root").get("end").asInt());
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

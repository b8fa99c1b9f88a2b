package dev.jbuild.daemon.frontend.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Heredoc data extracted from BuildKit's parser tests (test resources frontend/conformance/parser/extra, see its
 * README): the bodies attached to each instruction of heredoc-extract/Dockerfile, and the heredoc word rules of
 * small-cases.json.
 */
class HeredocConformanceTest {
  private static final Path EXTRA = resource("frontend/conformance/parser/extra");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** expected.json: entry i is the list of heredocs of AST child i+1 (child 0 is FROM); null means none. */
  static Stream<Arguments> extractCases() throws Exception {
    ParsedFile parsed = DockerfileParser.parse(Files.readAllBytes(EXTRA.resolve("heredoc-extract/Dockerfile")));
    JsonNode expected = JSON.readTree(EXTRA.resolve("heredoc-extract/expected.json").toFile()).get("expected");
    assertThat(parsed.instructions()).hasSize(expected.size() + 1);
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      Node node = parsed.instructions().get(i + 1);
      out.add(Arguments.of(i, node.startLine() + ": " + node.original(), node, expected.get(i)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "expected[{0}] line {1}")
  @MethodSource("extractCases")
  void heredocsMatchBuildKit(int index, String where, Node node, JsonNode expected) {
    List<Heredoc> want = new ArrayList<>();
    if (!expected.isNull()) {
      for (JsonNode h : expected) {
        want.add(new Heredoc(h.get("Name").asText(), h.get("Content").asText(), h.get("Expand").asBoolean(),
            h.get("Chomp").asBoolean(), h.get("FileDescriptor").asInt()));
      }
    }
    assertThat(node.heredocs()).isEqualTo(want);
  }

  @Test
  void allExtractCasesAreRead() throws Exception {
    assertThat(extractCases()).hasSize(27);
  }

  @Test
  void instructionsEndOnTheirTerminatorLine() throws Exception {
    ParsedFile parsed = DockerfileParser.parse(Files.readAllBytes(EXTRA.resolve("heredoc-extract/Dockerfile")));
    Node twoBodies = parsed.instructions().stream().filter(n -> n.original().startsWith("COPY <<FILE1"))
        .findFirst().orElseThrow();
    assertThat(List.of(twoBodies.startLine(), twoBodies.endLine())).isEqualTo(List.of(57, 61));
    assertThat(twoBodies.dump()).isEqualTo("copy \"<<FILE1\" \"<<FILE2\" \"/dest\"");
  }

  @Test
  void heredocWordsAreRecognisedAsBuildKitDoes() throws Exception {
    JsonNode cases = smallCases().get("heredoc_word");
    for (JsonNode word : cases.get("valid_name_is_EOF")) {
      assertThat(Heredocs.parseWord(word.asText())).as(word.asText()).get()
          .extracting(Heredoc::name).isEqualTo("EOF");
    }
    for (JsonNode word : cases.get("not_a_heredoc")) {
      assertThat(Heredocs.parseWord(word.asText())).as(word.asText()).isEmpty();
    }
    for (JsonNode word : cases.get("error")) {
      assertThatThrownBy(() -> Heredocs.parseWord(word.asText())).as(word.asText())
          .isInstanceOf(ExpansionException.class);
    }
  }

  @Test
  void heredocsFromLineAsBuildKit() throws Exception {
    for (JsonNode c : smallCases().get("heredocs_from_line")) {
      List<String> names = Heredocs.fromLine(c.get(0).asText()).stream().map(Heredoc::name).toList();
      List<String> expected = new ArrayList<>();
      c.get(1).forEach(n -> expected.add(n.asText()));
      assertThat(names).as(c.get(0).asText()).isEqualTo(expected);
    }
  }

  @Test
  void jsonFormNeverReadsHeredocs() throws Exception {
    for (JsonNode c : smallCases().get("json_form_never_has_heredocs")) {
      String file = "FROM scratch\n" + c.asText() + "\nEOF\n";
      ParsedFile parsed = DockerfileParser.parse(file);
      assertThat(parsed.instructions().get(1).heredocs()).as(c.asText()).isEmpty();
      assertThat(parsed.instructions()).as(c.asText()).hasSize(3); // "EOF" stays an instruction of its own
    }
  }

  @Test
  void chompStripsLeadingTabsOnly() throws Exception {
    JsonNode chomp = smallCases().get("chomp");
    Heredoc h = new Heredoc("EOF", chomp.get("input").asText(), true, true, 0);
    assertThat(h.chompedContent()).isEqualTo(chomp.get("output").asText());
    assertThat(new Heredoc("EOF", " \tx\n", true, true, 0).chompedContent()).isEqualTo(" \tx\n");
  }

  private static JsonNode smallCases() throws IOException {
    return JSON.readTree(EXTRA.resolve("small-cases.json").toFile());
  }

  private static Path resource(String name) {
    try {
      return Path.of(HeredocConformanceTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

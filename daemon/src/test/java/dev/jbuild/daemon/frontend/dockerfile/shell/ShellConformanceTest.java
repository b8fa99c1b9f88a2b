package dev.jbuild.daemon.frontend.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BuildKit's word-expansion tables (copied with their license under test resources frontend/conformance/shell;
 * the README there says how each file is read).
 */
class ShellConformanceTest {
  private static final Path ROOT = resource("frontend/conformance/shell");
  private static final Map<String, String> ENV_VAR_TEST_ENV =
      Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", "");
  private final ShellLexer lexer = new ShellLexer('\\');

  /** envVarTest: PLATFORM|input|expected; a Linux builder runs the A (all) and U (unix) lines. */
  static Stream<Arguments> envVarLines() throws IOException {
    List<Arguments> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(ROOT.resolve("envVarTest"), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = GoText.trimLeft(lines.get(i));
      if (lines.get(i).startsWith("#") || line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\|", -1);
      assertThat(fields).as("line %d", i + 1).hasSize(3);
      String platform = GoText.trimSpace(fields[0]);
      if (platform.equals("A") || platform.equals("U")) {
        out.add(Arguments.of(i + 1, GoText.trimSpace(fields[1]), GoText.trimSpace(fields[2])));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "envVarTest:{0} {1}")
  @MethodSource("envVarLines")
  void envVarTest(int line, String input, String expected) throws Exception {
    if (expected.equals("error")) {
      assertThatThrownBy(() -> lexer.processWord(input, ENV_VAR_TEST_ENV)).isInstanceOf(ExpansionException.class);
    } else {
      assertThat(lexer.processWord(input, ENV_VAR_TEST_ENV)).isEqualTo(expected);
    }
  }

  @Test
  void envVarTestHasAllItsUnixLines() throws IOException {
    assertThat(envVarLines()).hasSize(228); // README: 226 A + 2 U
  }

  /** wordsTest: "ENV k=v" lines add to the environment; others are "input | word,word". */
  static Stream<Arguments> wordLines() throws IOException {
    List<Arguments> out = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(ROOT.resolve("wordsTest"), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("ENV ")) {
        String kv = line.substring(3).replaceFirst("^ +", "");
        int eq = kv.indexOf('=');
        env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        continue;
      }
      String[] fields = line.split("\\|", -1);
      assertThat(fields).as("line %d", i + 1).hasSize(2);
      List<String> expected = Arrays.asList(fields[1].replaceFirst("^ +", "").split(",", -1));
      out.add(Arguments.of(i + 1, GoText.trimSpace(fields[0]), expected, Map.copyOf(env)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "wordsTest:{0} {1}")
  @MethodSource("wordLines")
  void wordsTest(int line, String input, List<String> expected, Map<String, String> env) throws Exception {
    if (expected.get(0).equals("error")) {
      assertThatThrownBy(() -> lexer.processWords(input, env)).isInstanceOf(ExpansionException.class);
    } else {
      assertThat(lexer.processWords(input, env)).isEqualTo(expected);
    }
  }

  @Test
  void wordsTestHasAllItsLines() throws IOException {
    assertThat(wordLines()).hasSize(24);
  }

  static Stream<Arguments> processWordCases() throws IOException {
    JsonNode root = new ObjectMapper().readTree(ROOT.resolve("process-word-cases.json").toFile());
    List<Arguments> out = new ArrayList<>();
    int i = 0;
    for (JsonNode c : root.get("cases")) {
      out.add(Arguments.of(i++, c.get("input").asText(), c));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "process-word-cases[{0}] {1}")
  @MethodSource("processWordCases")
  void processWordCase(int index, String input, JsonNode c) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    c.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    if (c.path("error").asBoolean(false)) {
      var thrown = assertThatThrownBy(() -> lexer.process(input, env)).isInstanceOf(ExpansionException.class);
      if (c.has("error_contains")) {
        thrown.hasMessageContaining(c.get("error_contains").asText());
      }
      return;
    }
    ExpansionResult result = lexer.process(input, env);
    assertThat(result.result()).isEqualTo(c.get("expected").asText());
    if (c.has("matches")) {
      assertThat(result.matched()).isEqualTo(names(c.get("matches")));
    }
    if (c.has("unmatched")) {
      assertThat(result.unmatched()).isEqualTo(names(c.get("unmatched")));
    }
  }

  @Test
  void processWordCasesAreAllRead() throws IOException {
    assertThat(processWordCases()).hasSize(56);
  }

  private static Set<String> names(JsonNode array) {
    Set<String> out = new HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Path resource(String name) {
    try {
      return Path.of(ShellConformanceTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

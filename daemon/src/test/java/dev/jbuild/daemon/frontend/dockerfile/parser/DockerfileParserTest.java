package dev.jbuild.daemon.frontend.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
  @Test
  void continuationsSkipCommentAndEmptyLinesAndKeepLineSpan() throws Exception {
    ParsedFile f = DockerfileParser.parse("FROM scratch\n\nCOPY a \\\n# a comment\n\n   b \\\n  /dest/\nENV X=1\n");
    Node copy = f.instructions().get(1);
    assertThat(copy.args()).containsExactly("a", "b", "/dest/");
    assertThat(copy.startLine()).isEqualTo(3);
    assertThat(copy.endLine()).isEqualTo(7);
    assertThat(f.instructions().get(2).startLine()).isEqualTo(8);
    assertThat(f.warnings()).singleElement().satisfies(w -> assertThat(w.line()).isEqualTo(3));
  }

  @Test
  void commentsAreDroppedButTrailingHashIsText() throws Exception {
    ParsedFile f = DockerfileParser.parse("# top\nFROM scratch\n  # indented comment\nCMD echo hi # not a comment\n");
    assertThat(f.instructions()).hasSize(2);
    assertThat(f.instructions().get(1).args()).containsExactly("echo hi # not a comment");
  }

  @Test
  void escapeDirectiveChangesTheContinuationCharacter() throws Exception {
    ParsedFile f = DockerfileParser.parse("# escape=`\nFROM scratch\nCOPY a\\b `\n  c:\\d\n");
    assertThat(f.escapeToken()).isEqualTo('`');
    assertThat(f.instructions().get(1).args()).containsExactly("a\\b", "c:\\d");
  }

  @Test
  void directivesOnlyCountAtTheTop() throws Exception {
    ParsedFile f = DockerfileParser.parse("# syntax=docker/dockerfile:1\n\n# escape=`\nFROM scratch\n");
    assertThat(f.syntax()).isEqualTo("docker/dockerfile:1");
    assertThat(f.escapeToken()).isEqualTo('\\');
  }

  @Test
  void repeatedDirectiveIsAnError() {
    assertThatThrownBy(() -> DockerfileParser.parse("# escape=`\n# escape=\\\nFROM scratch\n"))
        .isInstanceOf(DockerfileError.class).hasMessage("only one escape parser directive can be used");
  }

  @Test
  void byteOrderMarkIsStripped() throws Exception {
    byte[] bytes = "\uFEFFFROM scratch\r\n".getBytes(StandardCharsets.UTF_8);
    assertThat(DockerfileParser.parse(bytes).instructions().get(0).name()).isEqualTo("from");
  }

  @Test
  void jsonAndShellFormsAreRecorded() throws Exception {
    ParsedFile f = DockerfileParser.parse("FROM scratch\nCMD [\"a\", \"b c\"]\nCMD a 'b c'\nCMD ['a']\n");
    assertThat(f.instructions().get(1).json()).isTrue();
    assertThat(f.instructions().get(1).args()).containsExactly("a", "b c");
    assertThat(f.instructions().get(2).json()).isFalse();
    assertThat(f.instructions().get(2).args()).containsExactly("a 'b c'");
    assertThat(f.instructions().get(3).json()).isFalse(); // not JSON: falls back to the shell form
  }

  @Test
  void keywordIsCaseInsensitiveAndFlagsAreSplitOff() throws Exception {
    Node copy = DockerfileParser.parse("FROM scratch\ncoPY --from=build --chown=\"a b\" /x /y\n")
        .instructions().get(1);
    assertThat(copy.name()).isEqualTo("copy");
    assertThat(copy.keyword()).isEqualTo("coPY");
    assertThat(copy.flags()).isEqualTo(List.of("--from=build", "--chown=a b"));
    assertThat(copy.args()).containsExactly("/x", "/y");
  }

  @Test
  void heredocBodiesKeepTheirLineEndingsAndTheInstructionEndsOnTheTerminator() throws Exception {
    ParsedFile f = DockerfileParser.parse("FROM scratch\r\nRUN <<EOF cat\r\n  a $X\r\nEOF\r\nUSER me\n");
    Node run = f.instructions().get(1);
    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "  a $X\r\n", true, false, 0));
    assertThat(List.of(run.startLine(), run.endLine())).isEqualTo(List.of(2, 4));
    assertThat(f.instructions().get(2).startLine()).isEqualTo(5);
    assertThat(f.dump()).isEqualTo("(from \"scratch\")\n(run \"<<EOF cat\")\n(user \"me\")\n");
  }

  @Test
  void onbuildTriggersCarryHeredocsOnTheOnbuildNode() throws Exception {
    Node onbuild = DockerfileParser.parse("FROM scratch\nONBUILD COPY <<-'X' /x\n\tbody\n\tX\n")
        .instructions().get(1);
    assertThat(onbuild.heredocs()).containsExactly(new Heredoc("X", "\tbody\n", false, true, 0));
    assertThat(onbuild.heredocs().get(0).chompedContent()).isEqualTo("body\n");
  }

  @Test
  void unterminatedHeredocNamesTheInstructionLine() {
    assertThatThrownBy(() -> DockerfileParser.parse("FROM scratch\nRUN <<EOF\necho\n"))
        .isInstanceOfSatisfying(DockerfileError.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining("unterminated heredoc EOF");
  }

  @Test
  void checkDirectiveIsRecorded() throws Exception {
    ParsedFile f = DockerfileParser.parse("# check=skip=JSONArgsRecommended, StageNameCasing;error=true\nFROM a\n");
    assertThat(f.check()).isEqualTo(
        new CheckDirective(false, List.of("JSONArgsRecommended", "StageNameCasing"), false, List.of(), true));
    assertThat(f.check().skips("StageNameCasing")).isTrue();
    assertThat(DockerfileParser.parse("# check=skip=all\nFROM a\n").check().skips("Anything")).isTrue();
    assertThat(DockerfileParser.parse("FROM a\n").check()).isEqualTo(CheckDirective.NONE);
  }

  @Test
  void badCheckDirectiveFailsOnItsLine() {
    assertThatThrownBy(() -> DockerfileParser.parse("# syntax=x\n# check=error=maybe\nFROM a\n"))
        .isInstanceOfSatisfying(DockerfileError.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining("failed to parse check options").hasMessageContaining("error=maybe");
    assertThatThrownBy(() -> DockerfileParser.parse("# check=skipp=x\nFROM a\n"))
        .hasMessageContaining("invalid check option \"skipp\"");
  }

  @Test
  void syntaxDirectiveNamingAFrontendImageWarns() throws Exception {
    ParsedFile f = DockerfileParser.parse("\n# syntax=docker/dockerfile:1.7 --opt\nFROM a\n");
    assertThat(f.syntax()).isEmpty(); // not at the top: an ordinary comment
    f = DockerfileParser.parse("# syntax=docker/dockerfile:1.7\nFROM a\n");
    assertThat(f.warnings()).singleElement().satisfies(w -> {
      assertThat(w.line()).isEqualTo(1);
      assertThat(w.message()).contains("\"docker/dockerfile:1.7\"", "built-in frontend");
    });
    assertThat(DockerfileParser.parse("FROM a\n").warnings()).isEmpty();
  }
}

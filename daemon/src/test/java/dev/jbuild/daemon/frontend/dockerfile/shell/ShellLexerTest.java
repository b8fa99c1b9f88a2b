package dev.jbuild.daemon.frontend.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellLexerTest {
  private final ShellLexer lexer = new ShellLexer('\\');
  private final Map<String, String> env = Map.of("A", "a", "E", "", "S", "x y");

  @Test
  void expandsVariablesAndDefaults() throws Exception {
    assertThat(lexer.processWord("$A-${A}-${U:-d}-${E:-d}-${E-d}-${A:+p}-${U+p}-$", env))
        .isEqualTo("a-a-d-d--p--$");
  }

  @Test
  void quotesAndEscapes() throws Exception {
    assertThat(lexer.processWord("'$A' \"$A\\$A\\x\" \\$A", env)).isEqualTo("$A a$A\\x $A");
  }

  @Test
  void wordsSplitOnUnquotedSpacesAfterExpansion() throws Exception {
    assertThat(lexer.processWords("$S 'q r'", env)).containsExactly("x", "y", "q r");
  }

  @Test
  void errorsNameTheWord() {
    assertThatThrownBy(() -> lexer.processWord("${A", env)).hasMessageContaining("missing '}'");
    assertThatThrownBy(() -> lexer.processWord("'open", env)).hasMessageContaining("single-quote");
    assertThatThrownBy(() -> lexer.processWord("${U:?must be set}", env)).hasMessageContaining("U: must be set");
  }

  @Test
  void patternFormsTrimAndReplace() throws Exception {
    Map<String, String> path = Map.of("P", "/usr/local/lib.tar.gz");
    assertThat(lexer.processWord("${P#*/}|${P##*/}|${P%.*}|${P%%.*}", path))
        .isEqualTo("usr/local/lib.tar.gz|lib.tar.gz|/usr/local/lib.tar|/usr/local/lib");
    assertThat(lexer.processWord("${P/l/L}|${P//l/L}", path))
        .isEqualTo("/usr/Local/lib.tar.gz|/usr/LocaL/Lib.tar.gz");
  }

  @Test
  void rawOptionsKeepTheSourceForHeredocDetection() throws Exception {
    ShellLexer raw = new ShellLexer('\\', new LexOptions(true, true, true, false));
    assertThat(raw.processWords("RUN <<'EOF' 3<< X \"a b\" c\\ d $U ${U:-d}", Map.of()))
        .containsExactly("RUN", "<<'EOF'", "3<< X", "\"a b\"", "c\\ d", "$U", "${U:-d}");
  }

  @Test
  void heredocBodiesExpandVariablesOnly() throws Exception {
    ShellLexer body = new ShellLexer('\\', LexOptions.HEREDOC_BODY);
    assertThat(body.processWord("echo '$A' \"$S\"", env)).isEqualTo("echo 'a' \"x y\"");
  }

  @Test
  void reportsWhichVariablesWereUsed() throws Exception {
    ExpansionResult r = lexer.process("$A ${U:-x} ${E}", env);
    assertThat(r.matched()).containsExactlyInAnyOrder("A", "E");
    assertThat(r.unmatched()).containsExactly("U");
  }
}

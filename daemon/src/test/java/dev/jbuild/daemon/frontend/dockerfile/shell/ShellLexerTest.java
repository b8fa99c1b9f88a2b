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
}

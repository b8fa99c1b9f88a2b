package dev.jbuild.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobsTest {
  @Test
  void starQuestionMarkAndBracketAreWildcardsUnlessEscaped() {
    assertThat(Globs.hasWildcard("src/*.txt")).isTrue();
    assertThat(Globs.hasWildcard("a?")).isTrue();
    assertThat(Globs.hasWildcard("[ab]/c")).isTrue();
    assertThat(Globs.hasWildcard("plain/path.txt")).isFalse();
    assertThat(Globs.hasWildcard("lit\\*eral")).isFalse();
    assertThat(Globs.hasWildcard("lit\\*\\?but*")).isTrue();
  }
}

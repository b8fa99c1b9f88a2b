package dev.jbuild.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Docker's documented .dockerignore rules, with cases taken from moby/patternmatcher's own tests. */
class PatternMatcherTest {

  private static boolean matches(String path, String... patterns) throws InvalidPatternException {
    return PatternMatcher.compile(List.of(patterns)).matchesOrParentMatches(path);
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "**|file|true",
      "**|dir/file|true",
      "**/|dir/file|true",
      "dir/**|dir/file|true",
      "dir/**|dir/dir2/file|true",
      "**/dir|dir|true",
      "**/dir|dir/file|true",
      "**/dir2/*|dir/dir2/file|true",
      "**/dir2/**|dir/dir2/dir3/file|true",
      "**file|dir/dir/file|true",
      "**/file*.txt|dir/dir/file.txt|true",
      "**/**/*.txt2|dir/dir/file.txt|false",
      "**/*.txt|file.txt|true",
      "a**/*.txt|a/dir/dir/file.txt|true",
      "a/*.txt|a/dir/file.txt|false",
      "a/*.txt|a/file.txt|true",
      "a[b-d]e|ace|true",
      "a[b-d]e|aae|false",
      "a[^b-d]e|aze|true",
      ".*|.foo|true",
      ".*|foo|false",
      "abc.def|abcdef|false",
      "abc?def|abcZdef|true",
      "abc?def|abcdef|false",
      "**/foo/bar|dir/dir2/foo/bar|true",
      "abc/**|abc|false",
      "**/.foo|bar.foo|false",
      "a(b)c/def|a(b)c/def|true",
      "dist/*.whl|dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl|true",
      "a*/b|abc/b|true",
      "a*/b|a/c/b|false",
      "a*b?c*x|abxbbxdbxebxczzx|true",
      "a?b|a/b|false",
      "a\\*b|a*b|true",
      "a\\*b|ab|false",
      "[\\]a]|]|true",
      "[x\\-]|-|true",
      "*|fileutils.go|true",
      "*.go|fileutils.go|true",
      // a pattern that names a directory excludes everything under it
      "docs|docs/README.md|true",
      "docs/../src|src/main.go|true",
  })
  void singlePattern(String pattern, String path, boolean expected) throws Exception {
    assertThat(matches(path, pattern)).isEqualTo(expected);
  }

  @Test
  void regexpCharactersAreLiteral() throws Exception {
    assertThat(matches("a.|)$(}+{bc", "a.|)$(}+{bc")).isTrue();
    assertThat(matches("a.|)$(}+{bc/x", "a.|)$(}+{b?")).isTrue();
  }

  @Test
  void laterExceptionReincludes() throws Exception {
    assertThat(matches("fileutils.go", "*.go", "!fileutils.go")).isFalse();
    assertThat(matches("docs/README.md", "docs", "!docs/README.md")).isFalse();
    assertThat(matches("docs/other.md", "docs", "!docs/README.md")).isTrue();
    assertThat(matches("util/docker/web/foo", "**", "!util/docker/web")).isFalse();
  }

  @Test
  void lastMatchingPatternWins() throws Exception {
    assertThat(matches("fileutils.go", "!fileutils.go", "*.go")).isTrue();
    assertThat(matches("util/docker/web/foo", "**", "!util/docker/web", "util/docker/web/foo")).isTrue();
  }

  @Test
  void badPatternsAreRejectedAsDockerDoes() {
    for (String bad : List.of("[", "[^", "a[", "[]a]", "[-]", "[x-]", "[a-b-c]", "\\", "!")) {
      assertThatThrownBy(() -> PatternMatcher.compile(List.of(bad)))
          .as(bad).isInstanceOf(InvalidPatternException.class);
    }
  }

  @Test
  void parentResultsGiveTheSameAnswerAsFullMatching() throws Exception {
    PatternMatcher m = PatternMatcher.compile(List.of("a", "!a/b/c", "**/*.log"));
    PatternMatcher.Result a = m.match("a", PatternMatcher.noParent());
    PatternMatcher.Result ab = m.match("a/b", a.info());
    assertThat(m.match("a/b/c", ab.info()).matched()).isFalse();
    assertThat(m.match("a/b/d", ab.info()).matched()).isTrue();
    assertThat(m.match("a/b/d", ab.info()).matched()).isEqualTo(m.matchesOrParentMatches("a/b/d"));
  }
}

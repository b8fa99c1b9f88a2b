package dev.jbuild.patterns;

/**
 * The syntax check Docker runs on each pattern (Go's {@code filepath.Match(p, ".")}, which validates the
 * whole pattern): a trailing backslash, an unclosed class and empty or open-ended ranges are errors.
 */
final class GlobSyntax {

  private GlobSyntax() {}

  static void check(String pattern) throws InvalidPatternException {
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 >= n) {
          throw new InvalidPatternException(pattern, "trailing backslash");
        }
        i += 2;
      } else if (c == '[') {
        i = checkClass(pattern, i + 1);
      } else {
        i++;
      }
    }
  }

  /** Returns the index after the class's closing bracket. */
  private static int checkClass(String pattern, int start) throws InvalidPatternException {
    int i = start;
    if (i < pattern.length() && pattern.charAt(i) == '^') {
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i < pattern.length() && pattern.charAt(i) == ']' && ranges > 0) {
        return i + 1;
      }
      i = escapedChar(pattern, i);
      if (pattern.charAt(i) == '-') {
        i = escapedChar(pattern, i + 1);
      }
      ranges++;
    }
  }

  /** Go's getEsc: one (possibly escaped) class character that must be followed by more pattern. */
  private static int escapedChar(String pattern, int i) throws InvalidPatternException {
    if (i >= pattern.length() || pattern.charAt(i) == '-' || pattern.charAt(i) == ']') {
      throw new InvalidPatternException(pattern, "bad character class");
    }
    if (pattern.charAt(i) == '\\') {
      i++;
      if (i >= pattern.length()) {
        throw new InvalidPatternException(pattern, "bad character class");
      }
    }
    i += Character.charCount(pattern.codePointAt(i));
    if (i >= pattern.length()) {
      throw new InvalidPatternException(pattern, "unclosed character class");
    }
    return i;
  }
}

package dev.jbuild.daemon.frontend.dockerfile.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pattern forms of parameter expansion: {@code ${v#p} ${v##p} ${v%p} ${v%%p} ${v/p/r} ${v//p/r}}. A
 * pattern is a shell glob without bracket expressions ({@code *} any string, {@code ?} one character,
 * {@code \} escapes {@code * ? \}), turned into a regular expression as BuildKit does, so that shortest and
 * longest matches come out the same.
 */
final class ShellPatterns {
  private static final String REGEX_METAS = "[]{}.+()|^$";

  private ShellPatterns() {}

  /** {@code ${v#p}} (shortest) or {@code ${v##p}} (longest): the value without a matching prefix. */
  static String trimPrefix(String pattern, String value, boolean greedy) throws ExpansionException {
    Matcher m = compile(pattern, greedy, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  /** {@code ${v%p}} or {@code ${v%%p}}: matched on the reversed value, as a regex finds leftmost matches only. */
  static String trimSuffix(String pattern, String value, boolean greedy) throws ExpansionException {
    return reverse(trimPrefix(reversePattern(pattern), reverse(value), greedy));
  }

  /** {@code ${v/p/r}} or {@code ${v//p/r}}. */
  static String replace(String pattern, String replacement, String value, boolean all)
      throws ExpansionException {
    Matcher m = compile(pattern, true, false).matcher(value);
    if (!all) {
      return m.find() ? value.substring(0, m.start()) + replacement + value.substring(m.end()) : value;
    }
    return replaceAll(m, value, replacement);
  }

  /**
   * Go's Regexp.ReplaceAllString: an empty match right after a match is not replaced, and the replacement is
   * a Go template ({@code $0} or {@code ${0}} is the match, {@code $$} a dollar, other names empty).
   */
  private static String replaceAll(Matcher m, String value, String replacement) {
    StringBuilder out = new StringBuilder();
    int lastMatchEnd = 0;
    int searchPos = 0;
    while (searchPos <= value.length() && m.find(searchPos)) {
      out.append(value, lastMatchEnd, m.start());
      if (m.end() > lastMatchEnd || m.start() == 0) {
        out.append(GoTemplate.expand(replacement, m.group()));
      }
      lastMatchEnd = m.end();
      int width = searchPos < value.length() ? Character.charCount(value.codePointAt(searchPos)) : 0;
      if (searchPos + width > m.end()) {
        searchPos += width;
      } else if (searchPos + 1 > m.end()) {
        searchPos++;
      } else {
        searchPos = m.end();
      }
    }
    return out.append(value, lastMatchEnd, value.length()).toString();
  }

  static Pattern compile(String pattern, boolean greedy, boolean anchored) throws ExpansionException {
    StringBuilder out = new StringBuilder(anchored ? "^" : "");
    int i = 0;
    while (i < pattern.length()) {
      int tok = pattern.codePointAt(i);
      i += Character.charCount(tok);
      if (tok == '*') {
        out.append(greedy ? ".*" : ".*?");
        continue;
      }
      if (tok == '?') {
        out.append('.');
        continue;
      }
      if (tok == '\\') {
        int next = i < pattern.length() ? pattern.codePointAt(i) : -1;
        if (next == '}' || next == '/') {
          continue; // escaped only to end the ${...} word early; not part of the pattern
        }
        if (next != '*' && next != '?' && next != '\\') {
          throw new ExpansionException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
              + (next < 0 ? "" : Character.toString(next)) + "'");
        }
        out.append('\\').appendCodePoint(next);
        i += Character.charCount(next);
        continue;
      }
      if (tok < 0x80 && REGEX_METAS.indexOf(tok) >= 0) {
        out.append('\\');
      }
      out.appendCodePoint(tok);
    }
    // UNIX_LINES: '.' excludes only '\n', as in Go
    return Pattern.compile(out.toString(), Pattern.UNIX_LINES);
  }

  /** Reverses a pattern but keeps each escape before the character it escapes ({@code a\*c} → {@code c\*a}). */
  static String reversePattern(String pattern) {
    int[] cps = pattern.codePoints().toArray();
    int[] out = new int[cps.length];
    int last = cps.length - 1;
    for (int i = 0; i <= last; ) {
      int outIdx = last - i;
      if (cps[i] == '\\' && i != last) {
        out[outIdx - 1] = cps[i];
        out[outIdx] = cps[i + 1];
        i += 2;
      } else {
        out[outIdx] = cps[i];
        i++;
      }
    }
    return new String(out, 0, out.length);
  }

  private static String reverse(String s) {
    int[] cps = s.codePoints().toArray();
    for (int i = 0, j = cps.length - 1; i < j; i++, j--) {
      int t = cps[i];
      cps[i] = cps[j];
      cps[j] = t;
    }
    return new String(cps, 0, cps.length);
  }
}

package dev.jbuild.patterns;

import java.util.regex.Pattern;

/**
 * One cleaned pattern in Docker's syntax, compiled the way moby/patternmatcher does: a plain name is an exact
 * match, {@code dir/**} a prefix match, {@code **}{@code /name} a suffix match, anything else a regular
 * expression in which {@code *} and {@code ?} never cross a "/" and {@code **} crosses any number of them.
 */
public final class IgnorePattern {

  private enum Kind { EXACT, PREFIX, SUFFIX, REGEXP }

  private final String cleaned;
  private final boolean exception;
  private final Kind kind;
  private final Pattern regexp;

  private IgnorePattern(String cleaned, boolean exception, Kind kind, Pattern regexp) {
    this.cleaned = cleaned;
    this.exception = exception;
    this.kind = kind;
    this.regexp = regexp;
  }

  /** @param cleaned the pattern without its "!" and already cleaned */
  static IgnorePattern compile(String cleaned, boolean exception) throws InvalidPatternException {
    GlobSyntax.check(cleaned);
    StringBuilder re = new StringBuilder("^");
    Kind kind = Kind.EXACT;
    boolean inClass = false;
    int i = 0;
    int n = cleaned.length();
    for (int step = 0; i < n; step++) {
      int ch = cleaned.codePointAt(i);
      i += Character.charCount(ch);
      if (inClass) {
        i = appendClassChar(re, cleaned, ch, i);
        inClass = ch != ']';
      } else if (ch == '*') {
        if (i < n && cleaned.charAt(i) == '*') {
          i++;
          if (i < n && cleaned.charAt(i) == '/') {
            i++;
          }
          if (i >= n) {
            if (kind == Kind.EXACT) {
              kind = Kind.PREFIX;
            } else {
              re.append(".*");
              kind = Kind.REGEXP;
            }
          } else {
            re.append("(.*/)?");
            kind = Kind.REGEXP;
          }
          if (step == 0) {
            kind = Kind.SUFFIX;
          }
        } else {
          re.append("[^/]*");
          kind = Kind.REGEXP;
        }
      } else if (ch == '?') {
        re.append("[^/]");
        kind = Kind.REGEXP;
      } else if (".+()|{}$".indexOf(ch) >= 0) {
        re.append('\\').appendCodePoint(ch);
      } else if (ch == '\\') {
        if (i < n) {
          int next = cleaned.codePointAt(i);
          i += Character.charCount(next);
          appendLiteral(re, next);
          kind = Kind.REGEXP;
        } else {
          re.append("\\\\");
        }
      } else if (ch == '[') {
        re.append('[');
        if (i < n && cleaned.charAt(i) == '^') {
          re.append('^');
          i++;
        }
        inClass = true;
        kind = Kind.REGEXP;
      } else if (ch == ']') {
        re.append("\\]");
        kind = Kind.REGEXP;
      } else {
        appendLiteral(re, ch);
      }
    }
    Pattern compiled = null;
    if (kind == Kind.REGEXP) {
      // Go's "$" is the end of the text; Java's would also match before a final newline.
      re.append("\\z");
      compiled = Pattern.compile(re.toString(), Pattern.UNIX_LINES);
    }
    return new IgnorePattern(cleaned, exception, kind, compiled);
  }

  /** Inside [...]: escapes what Java treats specially ("[", "&&") and keeps Go's escapes. */
  private static int appendClassChar(StringBuilder re, String pattern, int ch, int i) {
    if (ch == '\\' && i < pattern.length()) {
      int next = pattern.codePointAt(i);
      appendLiteral(re, next);
      return i + Character.charCount(next);
    }
    if (ch == '[' || ch == '&') {
      re.append('\\');
    }
    re.appendCodePoint(ch);
    return i;
  }

  private static void appendLiteral(StringBuilder re, int ch) {
    if (!Character.isLetterOrDigit(ch)) {
      re.append('\\');
    }
    re.appendCodePoint(ch);
  }

  public boolean isException() {
    return exception;
  }

  /** The cleaned pattern, without its "!". */
  public String text() {
    return cleaned;
  }

  boolean matches(String path) {
    switch (kind) {
      case EXACT:
        return path.equals(cleaned);
      case PREFIX:
        return path.startsWith(cleaned.substring(0, cleaned.length() - 2));
      case SUFFIX:
        String suffix = cleaned.substring(2);
        if (path.endsWith(suffix)) {
          return true;
        }
        // "**/foo" matches "foo"
        return suffix.startsWith("/") && path.equals(suffix.substring(1));
      default:
        return regexp.matcher(path).find();
    }
  }

  @Override
  public String toString() {
    return (exception ? "!" : "") + cleaned;
  }
}

package dev.jbuild.daemon.frontend.dockerfile.text;

import java.util.List;

/**
 * Go's text rules where BuildKit's behaviour depends on them: {@code unicode.IsSpace}, {@code
 * strings.TrimSpace} and {@code strconv.Quote} (used in AST dumps and history strings such as
 * {@code CMD ["a" "b"]}).
 */
public final class GoText {
  private GoText() {}

  /** Go's unicode.IsSpace. */
  public static boolean isSpace(int cp) {
    switch (cp) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        return true;
      default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
  }

  public static String trimSpace(String s) {
    return trimRight(trimLeft(s));
  }

  public static String trimLeft(String s) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!isSpace(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return s.substring(i);
  }

  public static String trimRight(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** Go's strconv.Quote. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> appendQuoted(b, cp));
    return b.append('"').toString();
  }

  /** Go's {@code fmt.Sprintf("%q", []string{...})}: {@code ["a" "b"]}. */
  public static String quoteList(List<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(quote(values.get(i)));
    }
    return b.append(']').toString();
  }

  /** Go's {@code fmt.Sprintf("%v", []string{...})}: {@code [a b]}. */
  public static String plainList(List<String> values) {
    return "[" + String.join(" ", values) + "]";
  }

  private static void appendQuoted(StringBuilder b, int cp) {
    switch (cp) {
      case '"' -> b.append("\\\"");
      case '\\' -> b.append("\\\\");
      case 0x07 -> b.append("\\a");
      case '\b' -> b.append("\\b");
      case '\f' -> b.append("\\f");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      case 0x0B -> b.append("\\v");
      default -> {
        if (cp < 0x20 || cp == 0x7F) {
          b.append(String.format("\\x%02x", cp));
        } else if (cp < 0x7F || isPrint(cp)) {
          b.appendCodePoint(cp);
        } else if (cp < 0x10000) {
          b.append(String.format("\\u%04x", cp));
        } else {
          b.append(String.format("\\U%08x", cp));
        }
      }
    }
  }

  /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols (and ASCII space). */
  private static boolean isPrint(int cp) {
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }
}

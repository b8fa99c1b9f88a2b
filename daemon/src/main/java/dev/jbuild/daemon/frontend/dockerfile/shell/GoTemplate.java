package dev.jbuild.daemon.frontend.dockerfile.shell;

/**
 * Go's Regexp.Expand for a pattern without groups: {@code $0}/{@code ${0}} is the whole match, {@code $$} a
 * dollar, any other well-formed {@code $name} empty, and a malformed {@code $} stays literal. Backslashes are
 * ordinary characters (unlike Java's replacement strings).
 */
final class GoTemplate {
  private GoTemplate() {}

  static String expand(String template, String match) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        break;
      }
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < template.length() && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      int end = nameEnd(template, i);
      if (end < 0) {
        out.append('$');
        continue;
      }
      boolean brace = template.charAt(i) == '{';
      String name = template.substring(brace ? i + 1 : i, brace ? end - 1 : end);
      if (name.equals("0")) {
        out.append(match);
      }
      i = end;
    }
    return out.append(template.substring(Math.min(i, template.length()))).toString();
  }

  /** End of a {@code name} or {@code {name}} starting at {@code from}, or -1 when there is none. */
  private static int nameEnd(String s, int from) {
    if (from >= s.length()) {
      return -1;
    }
    boolean brace = s.charAt(from) == '{';
    int i = brace ? from + 1 : from;
    int start = i;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
        break;
      }
      i += Character.charCount(cp);
    }
    if (i == start) {
      return -1;
    }
    if (brace) {
      return i < s.length() && s.charAt(i) == '}' ? i + 1 : -1;
    }
    return i;
  }
}

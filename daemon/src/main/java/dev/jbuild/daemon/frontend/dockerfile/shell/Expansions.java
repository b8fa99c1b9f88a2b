package dev.jbuild.daemon.frontend.dockerfile.shell;

/**
 * One {@code $} expansion at the scanner's position: {@code $v}, {@code ${v}}, the defaults and checks
 * {@code ${v-w} ${v:-w} ${v+w} ${v:+w} ${v?m} ${v:?m}} and the patterns {@code ${v#p} ${v##p} ${v%p}
 * ${v%%p} ${v/p/r} ${v//p/r}}. Names are letters, digits and {@code _}, a run of digits, or one special
 * parameter ({@code @ * # ? - $ ! 0}); positional and special parameters are never set.
 */
final class Expansions {
  private static final int EOF = -1;
  private final WordScanner s;

  Expansions(WordScanner scanner) {
    this.s = scanner;
  }

  String dollar() throws ExpansionException {
    s.nextChar();
    if (s.peekChar() != '{') {
      String name = name();
      if (name.isEmpty()) {
        return "$";
      }
      String value = s.lookup(name);
      if (value == null) {
        return s.skipUnsetEnv() ? "$" + name : "";
      }
      return value;
    }
    s.nextChar();
    int first = s.peekChar();
    if (first == EOF) {
      throw new ExpansionException("syntax error: missing '}'");
    }
    if (first == '{' || first == '}' || first == ':') {
      throw new ExpansionException("syntax error: bad substitution");
    }
    String name = name();
    int ch = s.nextChar();
    if (ch == EOF) {
      throw new ExpansionException("syntax error: missing '}'");
    }
    if (ch == '}') {
      String value = s.lookup(name);
      if (value == null) {
        return s.skipUnsetEnv() ? "${" + name + "}" : "";
      }
      return value;
    }
    if (ch == '/') {
      return substitution(name);
    }
    String modifier = Character.toString(ch);
    boolean nullIsUnset = false;
    if (ch == ':') {
      nullIsUnset = true;
      ch = s.nextChar();
      modifier += ch == EOF ? "" : Character.toString(ch);
    } else if ("+-?#%".indexOf(ch) < 0) {
      throw unsupported(modifier);
    }
    boolean pattern = ch == '#' || ch == '%';
    if (nullIsUnset && pattern) {
      throw unsupported(modifier);
    }
    String word = scanWord('}', pattern, "syntax error: missing '}'");
    String value = s.lookup(name);
    if (value == null && s.skipUnsetEnv()) {
      return "${" + name + modifier + word + "}";
    }
    boolean empty = value == null || (nullIsUnset && value.isEmpty());
    switch (ch) {
      case '-':
        return empty ? word : value;
      case '+':
        return empty ? "" : word;
      case '?':
        if (value == null) {
          throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
        }
        if (empty) {
          throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
        }
        return value;
      case '#':
      case '%':
        boolean greedy = !word.isEmpty() && word.codePointAt(0) == ch;
        String p = greedy ? word.substring(1) : word;
        String v = value == null ? "" : value;
        return ch == '%' ? ShellPatterns.trimSuffix(p, v, greedy) : ShellPatterns.trimPrefix(p, v, greedy);
      default:
        throw unsupported(modifier);
    }
  }

  /** {@code ${v/p/r}} and {@code ${v//p/r}}: pattern and replacement keep their escapes. */
  private String substitution(String name) throws ExpansionException {
    boolean all = s.peekChar() == '/';
    if (all) {
      s.nextChar();
    }
    String pattern = scanWord('/', true, "syntax error: missing '/' in ${}");
    String replacement = scanWord('}', true, "syntax error: missing '}'");
    String value = s.lookup(name);
    if (value == null) {
      if (s.skipUnsetEnv()) {
        return "${" + name + "/" + pattern + "/" + replacement + "}";
      }
      value = "";
    }
    return ShellPatterns.replace(pattern, replacement, value, all);
  }

  private String scanWord(int stop, boolean rawEscapes, String missing) throws ExpansionException {
    try {
      return s.scanUntil(stop, rawEscapes);
    } catch (ExpansionException e) {
      if (s.atEnd()) {
        throw new ExpansionException(missing);
      }
      throw e;
    }
  }

  private static ExpansionException unsupported(String modifier) {
    return new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
  }

  private String name() {
    StringBuilder name = new StringBuilder();
    while (!s.atEnd()) {
      int ch = s.peekChar();
      if (name.length() == 0 && Character.isDigit(ch)) {
        while (!s.atEnd() && Character.isDigit(s.peekChar())) {
          name.appendCodePoint(s.nextChar());
        }
        return name.toString();
      }
      if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
        return Character.toString(s.nextChar());
      }
      if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
        break;
      }
      name.appendCodePoint(s.nextChar());
    }
    return name.toString();
  }
}

package dev.jbuild.daemon.frontend.dockerfile.shell;

import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One pass over one word (BuildKit's shellWord): quotes, escapes and {@code $} expansions. Used once. */
final class WordScanner {
  private static final int EOF = -1;

  private final String source;
  private final Map<String, String> env;
  private final int escape;
  private final LexOptions options;
  private final Set<String> matched = new LinkedHashSet<>();
  private final Set<String> unmatched = new LinkedHashSet<>();
  private boolean rawEscapes;
  private int pos;

  WordScanner(String source, Map<String, String> env, char escape, LexOptions options) {
    this.source = source;
    this.env = env;
    this.escape = escape;
    this.options = options;
  }

  ExpansionResult run() throws ExpansionException {
    try {
      Scanned s = processStopOn(EOF, options.rawEscapes());
      return new ExpansionResult(s.text, s.words, matched, unmatched);
    } catch (ExpansionException e) {
      throw new ExpansionException("failed to process " + GoText.quote(source) + ": " + e.getMessage());
    }
  }

  private record Scanned(String text, List<String> words) {}

  private int peek() {
    return pos < source.length() ? source.codePointAt(pos) : EOF;
  }

  private int next() {
    int ch = peek();
    if (ch != EOF) {
      pos += Character.charCount(ch);
    }
    return ch;
  }

  /** Scans up to {@code stop} (consumed) or the end; {@code rawEscapes} applies to this level only. */
  private Scanned processStopOn(int stop, boolean raw) throws ExpansionException {
    boolean saved = rawEscapes;
    rawEscapes = raw;
    try {
      StringBuilder result = new StringBuilder();
      WordSplitter words = new WordSplitter();
      while (peek() != EOF) {
        int ch = peek();
        if (stop != EOF && ch == stop) {
          next();
          return new Scanned(result.toString(), words.words());
        }
        String special = special(ch);
        if (special != null) {
          result.append(special);
          if (ch == '$') {
            words.addString(special); // expanded values are split on whitespace
          } else {
            words.addRawString(special);
          }
          continue;
        }
        ch = next();
        if (ch == escape) {
          if (rawEscapes) {
            words.addRawChar(ch);
            result.appendCodePoint(ch);
          }
          ch = next(); // the escape character escapes the next one, and vanishes at the end
          if (ch == EOF) {
            break;
          }
          words.addRawChar(ch);
        } else {
          words.addChar(ch);
        }
        result.appendCodePoint(ch);
      }
      if (stop != EOF) {
        throw new ExpansionException("unexpected end of statement while looking for matching "
            + Character.toString(stop));
      }
      return new Scanned(result.toString(), words.words());
    } finally {
      rawEscapes = saved;
    }
  }

  /** The text of a quoted string, expansion or heredoc operator starting here; null for an ordinary character. */
  private String special(int ch) throws ExpansionException {
    if (ch == '$') {
      return new Expansions(this).dollar();
    }
    if (ch == '<') {
      return possibleHeredoc();
    }
    if (options.skipProcessQuotes()) {
      return null;
    }
    return ch == '\'' ? singleQuoted() : ch == '"' ? doubleQuoted() : null;
  }

  /** {@code <<}, {@code <<-} and the blanks after them stay with the delimiter word ({@code << EOF} is one word). */
  private String possibleHeredoc() {
    next();
    if (peek() != '<') {
      return "<";
    }
    next();
    StringBuilder op = new StringBuilder("<<");
    if (peek() == '-') {
      op.appendCodePoint(next());
    }
    while (peek() == ' ' || peek() == '\t') {
      op.appendCodePoint(next());
    }
    return op.toString();
  }

  private String singleQuoted() throws ExpansionException {
    StringBuilder b = new StringBuilder();
    int ch = next();
    if (options.rawQuotes()) {
      b.appendCodePoint(ch);
    }
    while (true) {
      ch = next();
      if (ch == EOF) {
        throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        if (options.rawQuotes()) {
          b.appendCodePoint(ch);
        }
        return b.toString();
      }
      b.appendCodePoint(ch);
    }
  }

  private String doubleQuoted() throws ExpansionException {
    StringBuilder b = new StringBuilder();
    int ch = next();
    if (options.rawQuotes()) {
      b.appendCodePoint(ch);
    }
    while (true) {
      ch = peek();
      if (ch == EOF) {
        throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
      }
      if (ch == '"') {
        next();
        if (options.rawQuotes()) {
          b.appendCodePoint(ch);
        }
        return b.toString();
      }
      if (ch == '$') {
        b.append(new Expansions(this).dollar());
        continue;
      }
      ch = next();
      if (ch == escape) {
        if (rawEscapes) {
          b.appendCodePoint(ch);
        }
        int after = peek();
        if (after == EOF) {
          continue;
        }
        if (after == '"' || after == '$' || after == escape) {
          ch = next(); // only these are escaped inside double quotes; other escapes stay literal
        }
      }
      b.appendCodePoint(ch);
    }
  }

  // --- access for Expansions, which handles ${...} on this scanner's position ---

  int peekChar() {
    return peek();
  }

  int nextChar() {
    return next();
  }

  boolean atEnd() {
    return peek() == EOF;
  }

  String scanUntil(int stop, boolean raw) throws ExpansionException {
    return processStopOn(stop, raw).text;
  }

  boolean skipUnsetEnv() {
    return options.skipUnsetEnv();
  }

  /** The variable's value, or null when unset; records the lookup for {@link ExpansionResult}. */
  String lookup(String name) {
    if (env.containsKey(name) && env.get(name) != null) {
      matched.add(name);
      return env.get(name);
    }
    unmatched.add(name);
    return null;
  }
}

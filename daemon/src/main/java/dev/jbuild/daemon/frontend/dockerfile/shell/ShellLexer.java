package dev.jbuild.daemon.frontend.dockerfile.shell;

import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Word expansion as BuildKit's shell lexer (frontend/dockerfile/shell/lex.go): single quotes are literal,
 * double quotes keep everything but {@code $} and escapes of {@code " $ \}, the escape character escapes the
 * next character outside quotes, and {@code $v ${v} ${v:-w} ${v-w} ${v:+w} ${v+w} ${v:?m} ${v?m}} expand.
 * The pattern forms ({@code # % /}) come with the full frontend and fail as not supported yet.
 * One lexer per Dockerfile (its escape character); not thread-safe while a word is processed.
 */
public final class ShellLexer {
  private final char escape;

  public ShellLexer(char escape) {
    this.escape = escape;
  }

  /** The expanded word, quotes removed, spaces kept. */
  public String processWord(String word, Map<String, String> env) throws ExpansionException {
    return new Scan(word, env).process().result;
  }

  /** The expanded word split into words on unquoted whitespace (BuildKit's ProcessWords). */
  public List<String> processWords(String word, Map<String, String> env) throws ExpansionException {
    return new Scan(word, env).process().words;
  }

  private record Result(String result, List<String> words) {}

  /** Word splitting that keeps quoted and escaped spaces. */
  private static final class Words {
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    void addChar(int ch) {
      if (GoText.isSpace(ch) && inWord) {
        if (word.length() != 0) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (!GoText.isSpace(ch)) {
        addRawChar(ch);
      }
    }

    void addRawChar(int ch) {
      word.appendCodePoint(ch);
      inWord = true;
    }

    void addString(String s) {
      s.codePoints().forEach(this::addChar);
    }

    void addRawString(String s) {
      word.append(s);
      inWord = true;
    }

    List<String> get() {
      if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
      return words;
    }
  }

  private final class Scan {
    private static final int EOF = -1;
    private final String source;
    private final Map<String, String> env;
    private int pos;

    Scan(String source, Map<String, String> env) {
      this.source = source;
      this.env = env;
    }

    Result process() throws ExpansionException {
      try {
        return processStopOn(EOF);
      } catch (ExpansionException e) {
        throw new ExpansionException("failed to process " + GoText.quote(source) + ": " + e.getMessage());
      }
    }

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

    private Result processStopOn(int stop) throws ExpansionException {
      StringBuilder result = new StringBuilder();
      Words words = new Words();
      while (peek() != EOF) {
        int ch = peek();
        if (stop != EOF && ch == stop) {
          next();
          return new Result(result.toString(), words.get());
        }
        if (ch == '$' || ch == '\'' || ch == '"') {
          String part = ch == '$' ? dollar() : ch == '\'' ? singleQuoted() : doubleQuoted();
          result.append(part);
          if (ch == '$') {
            words.addString(part);
          } else {
            words.addRawString(part);
          }
          continue;
        }
        ch = next();
        if (ch == escape) {
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
      return new Result(result.toString(), words.get());
    }

    private String singleQuoted() throws ExpansionException {
      next();
      StringBuilder b = new StringBuilder();
      while (true) {
        int ch = next();
        if (ch == EOF) {
          throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
        }
        if (ch == '\'') {
          return b.toString();
        }
        b.appendCodePoint(ch);
      }
    }

    private String doubleQuoted() throws ExpansionException {
      next();
      StringBuilder b = new StringBuilder();
      while (true) {
        int ch = peek();
        if (ch == EOF) {
          throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
        }
        if (ch == '"') {
          next();
          return b.toString();
        }
        if (ch == '$') {
          b.append(dollar());
          continue;
        }
        ch = next();
        if (ch == escape) {
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

    private String dollar() throws ExpansionException {
      next();
      if (peek() != '{') {
        String name = name();
        return name.isEmpty() ? "$" : env.getOrDefault(name, "");
      }
      next();
      int first = peek();
      if (first == EOF) {
        throw new ExpansionException("syntax error: missing '}'");
      }
      if (first == '{' || first == '}' || first == ':') {
        throw new ExpansionException("syntax error: bad substitution");
      }
      String name = name();
      int ch = next();
      if (ch == EOF) {
        throw new ExpansionException("syntax error: missing '}'");
      }
      if (ch == '}') {
        return env.getOrDefault(name, "");
      }
      boolean nullIsUnset = false;
      String modifier = ch == EOF ? "" : Character.toString(ch);
      if (ch == ':') {
        nullIsUnset = true;
        ch = next();
        modifier += ch == EOF ? "" : Character.toString(ch);
      }
      if (ch == '#' || ch == '%' || ch == '/') {
        throw new ExpansionException("${" + name + modifier + "...} is not supported yet");
      }
      if (ch != '-' && ch != '+' && ch != '?') {
        throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
      }
      String word;
      try {
        word = processStopOn('}').result;
      } catch (ExpansionException e) {
        if (peek() == EOF) {
          throw new ExpansionException("syntax error: missing '}'");
        }
        throw e;
      }
      String value = env.get(name);
      boolean set = value != null;
      boolean empty = !set || (nullIsUnset && value.isEmpty());
      return switch (ch) {
        case '-' -> empty ? word : value;
        case '+' -> empty ? "" : word;
        default -> {
          if (!set) {
            throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
          }
          if (empty) {
            throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
          }
          yield value;
        }
      };
    }

    /** A variable name: letters, digits and _, or one special parameter, or a run of digits. */
    private String name() {
      StringBuilder name = new StringBuilder();
      while (peek() != EOF) {
        int ch = peek();
        if (name.length() == 0 && Character.isDigit(ch)) {
          while (peek() != EOF && Character.isDigit(peek())) {
            name.appendCodePoint(next());
          }
          return name.toString();
        }
        if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
          return Character.toString(next());
        }
        if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
          break;
        }
        name.appendCodePoint(next());
      }
      return name.toString();
    }
  }
}

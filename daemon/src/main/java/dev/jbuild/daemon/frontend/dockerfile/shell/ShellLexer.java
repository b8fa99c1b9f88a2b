package dev.jbuild.daemon.frontend.dockerfile.shell;

import java.util.List;
import java.util.Map;

/**
 * Word expansion as BuildKit's shell lexer (frontend/dockerfile/shell/lex.go): single quotes are literal,
 * double quotes keep everything but {@code $} and escapes of {@code " $ \}, the escape character escapes the
 * next character outside quotes, and {@code $v ${v} ${v:-w} ${v-w} ${v:+w} ${v+w} ${v:?m} ${v?m} ${v#p}
 * ${v##p} ${v%p} ${v%%p} ${v/p/r} ${v//p/r}} expand (see {@link Expansions}).
 *
 * <p>Immutable: one lexer per escape character and {@link LexOptions}; safe to share between threads (each
 * call scans with its own state).
 */
public final class ShellLexer {
  private final char escape;
  private final LexOptions options;

  public ShellLexer(char escape) {
    this(escape, LexOptions.DEFAULT);
  }

  public ShellLexer(char escape, LexOptions options) {
    this.escape = escape;
    this.options = options;
  }

  /** The escape character this lexer was made for. */
  public char escape() {
    return escape;
  }

  /** The expanded word, quotes removed, spaces kept. */
  public String processWord(String word, Map<String, String> env) throws ExpansionException {
    return process(word, env).result();
  }

  /** The expanded word split into words on unquoted whitespace (BuildKit's ProcessWords). */
  public List<String> processWords(String word, Map<String, String> env) throws ExpansionException {
    return process(word, env).words();
  }

  /** The expanded word, its words and which variables it used (BuildKit's ProcessWordWithMatches). */
  public ExpansionResult process(String word, Map<String, String> env) throws ExpansionException {
    return new WordScanner(word, env, escape, options).run();
  }
}

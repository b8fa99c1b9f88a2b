package dev.jbuild.daemon.frontend.dockerfile.shell;

/**
 * How much of the source a {@link ShellLexer} keeps (BuildKit's Lex fields of the same names). The default
 * removes quotes and escapes and expands unset variables to nothing; the parser's heredoc detection keeps
 * everything, and heredoc bodies are expanded without touching their quotes.
 *
 * @param rawQuotes         keep the quote characters in the result
 * @param rawEscapes        keep the escape characters in the result
 * @param skipUnsetEnv      leave references to unset variables as written ({@code $X}, {@code ${X:-w}})
 * @param skipProcessQuotes treat quotes as ordinary characters (expand inside them too)
 */
public record LexOptions(boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv, boolean skipProcessQuotes) {
  /** Dockerfile word expansion: quotes and escapes removed, unset variables empty. */
  public static final LexOptions DEFAULT = new LexOptions(false, false, false, false);
  /** For heredoc bodies: only variables are expanded, quotes and backslashes stay as written. */
  public static final LexOptions HEREDOC_BODY = new LexOptions(false, false, false, true);
}

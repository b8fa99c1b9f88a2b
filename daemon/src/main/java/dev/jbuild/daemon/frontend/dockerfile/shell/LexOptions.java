package dev.jbuild.daemon.frontend.dockerfile.shell;

/**
 * How much of the source a {@link ShellLexer} keeps (BuildKit's Lex fields of the same names). The default
 * removes quotes and escapes and expands unset variables to nothing; the parser's heredoc detection keeps
 * everything, heredoc bodies are expanded without touching their quotes, and RUN's progress name keeps its
 * quotes and unset variables.
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
  /**
   * For RUN progress names (BuildKit's RawQuotes + SkipUnsetEnv): the command keeps its quotes and a variable
   * that is not set stays as written, so the name shows what the shell will be given.
   */
  public static final LexOptions COMMAND_NAME = new LexOptions(true, false, true, false);
}

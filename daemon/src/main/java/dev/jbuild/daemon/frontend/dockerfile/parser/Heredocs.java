package dev.jbuild.daemon.frontend.dockerfile.parser;

import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import dev.jbuild.daemon.frontend.dockerfile.shell.LexOptions;
import dev.jbuild.daemon.frontend.dockerfile.shell.ShellLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises heredoc operators ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}, {@code 3<<EOF}) as BuildKit's
 * parser does: the instruction line is split into words keeping quotes, escapes and unset variables, and each
 * word that is a heredoc operator gives one {@link Heredoc} (content still empty). Whether the body expands
 * is found by lexing the delimiter with and without quotes: a quote that only the raw form keeps was a real
 * quote.
 */
public final class Heredocs {
  private static final Pattern OPERATOR = Pattern.compile("(\\d*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)\\z");
  private static final Set<String> INSTRUCTIONS = Set.of("add", "copy", "run");
  private static final ShellLexer LINE_WORDS = new ShellLexer('\\', new LexOptions(true, true, true, false));
  private static final ShellLexer NAME = new ShellLexer('\\', new LexOptions(false, false, true, false));
  private static final ShellLexer RAW_NAME = new ShellLexer('\\', new LexOptions(true, false, true, false));

  private Heredocs() {}

  /**
   * The heredoc a single word declares ({@code <<EOF}, {@code <<-'EOF'}, ...), or empty when the word is not
   * a heredoc operator (also {@code <<} alone or {@code <<EOF sh}). The instruction layer uses it to tell
   * heredoc sources of COPY/ADD from paths.
   *
   * @throws ExpansionException when the delimiter's quotes are unbalanced, e.g. {@code <<'EOF}
   */
  public static Optional<Heredoc> parseWord(String word) throws ExpansionException {
    Matcher m = OPERATOR.matcher(word);
    if (!m.matches() || m.group(3).isEmpty()) {
      return Optional.empty();
    }
    String rest = m.group(3);
    List<String> words = NAME.processWords(rest, Map.of());
    if (words.size() != 1) {
      return Optional.empty();
    }
    List<String> raw = RAW_NAME.processWords(rest, Map.of());
    if (raw.size() != 1) {
      throw new ExpansionException("internal lexing of heredoc produced inconsistent results: " + rest);
    }
    boolean expand = quotes(words.get(0)) == quotes(raw.get(0));
    return Optional.of(new Heredoc(words.get(0), "", expand, m.group(2).equals("-"), fileDescriptor(m.group(1))));
  }

  /** The heredocs a shell-form instruction line declares, in order; none when the line cannot be split. */
  static List<Heredoc> fromLine(String line) throws ExpansionException {
    List<String> words;
    try {
      words = LINE_WORDS.processWords(line, Map.of());
    } catch (ExpansionException e) {
      return List.of(); // as BuildKit: a line the lexer cannot split declares no heredocs
    }
    List<Heredoc> out = new ArrayList<>();
    for (String word : words) {
      parseWord(word).ifPresent(out::add);
    }
    return out;
  }

  /** Only shell-form ADD, COPY and RUN (also as an ONBUILD trigger) read heredoc bodies. */
  static boolean canContain(Node node) {
    Node target = node.name().equals("onbuild") && node.trigger() != null ? node.trigger() : node;
    return INSTRUCTIONS.contains(target.name()) && !target.json();
  }

  private static int quotes(String s) {
    return (int) s.chars().filter(c -> c == '\'' || c == '"').count();
  }

  private static int fileDescriptor(String digits) {
    try {
      return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

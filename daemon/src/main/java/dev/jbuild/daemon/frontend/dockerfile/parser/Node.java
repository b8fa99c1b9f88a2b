package dev.jbuild.daemon.frontend.dockerfile.parser;

import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.util.List;
import java.util.Locale;

/**
 * One instruction as the parser read it (BuildKit's parser.Node, flattened): the keyword as written, the
 * leading {@code --flags}, the arguments split by that keyword's rule but not yet unquoted or expanded, and
 * where it came from. ENV and LABEL arguments come in triples (key, value, separator: "=" or "" for the
 * legacy {@code KEY value} form). ONBUILD carries its trigger as a nested node instead of arguments.
 *
 * @param keyword   the instruction keyword exactly as written (case kept for messages)
 * @param flags     leading flags, e.g. {@code --from=build}, quotes removed
 * @param args      the arguments
 * @param trigger   for ONBUILD: the trigger instruction; otherwise null
 * @param json      the arguments were a JSON array (exec form)
 * @param original  the instruction text with continuation lines joined
 * @param startLine 1-based first line
 * @param endLine   1-based last line (continuation, comment and empty lines inside it included, and for an
 *                  instruction with heredocs the last terminator line)
 * @param heredocs  the here-documents of a shell-form ADD, COPY or RUN (or an ONBUILD of one), in the order
 *                  they were declared; empty for other instructions
 */
public record Node(String keyword, List<String> flags, List<String> args, Node trigger, boolean json,
    String original, int startLine, int endLine, List<Heredoc> heredocs) {

  public Node {
    flags = List.copyOf(flags);
    args = List.copyOf(args);
    heredocs = List.copyOf(heredocs);
  }

  /** A node without heredocs. */
  public Node(String keyword, List<String> flags, List<String> args, Node trigger, boolean json,
      String original, int startLine, int endLine) {
    this(keyword, flags, args, trigger, json, original, startLine, endLine, List.of());
  }

  /** The keyword in lower case, as instructions are matched. */
  public String name() {
    return keyword.toLowerCase(Locale.ROOT);
  }

  Node withLines(int start, int end) {
    return new Node(keyword, flags, args, trigger, json, original, start, end, heredocs);
  }

  Node withHeredocs(List<Heredoc> docs, int end) {
    return new Node(keyword, flags, args, trigger, json, original, startLine, end, docs);
  }

  /**
   * BuildKit's Node.Dump for one instruction, e.g. {@code (copy ["--from=a"] "/x" "/y")}. Heredoc bodies are
   * not part of it: {@code RUN <<EOF} dumps as {@code (run "<<EOF")}, as in BuildKit.
   */
  public String dump() {
    StringBuilder b = new StringBuilder(name());
    if (!flags.isEmpty()) {
      b.append(' ').append(GoText.quoteList(flags));
    }
    if (trigger != null) {
      b.append(" (").append(trigger.dump()).append(')');
    }
    for (String arg : args) {
      b.append(' ').append(GoText.quote(arg));
    }
    return GoText.trimSpace(b.toString());
  }
}

package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.InlineFile;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.parser.Heredoc;
import dev.jbuild.daemon.frontend.dockerfile.parser.Heredocs;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.util.List;
import java.util.Optional;

/**
 * What a RUN with heredocs executes, as BuildKit's dispatchRun: a command that is one heredoc ({@code RUN
 * <<EOF}) runs the body as the shell's script, or, when the body starts with {@code #!}, as a file mounted
 * read-only under {@code /dev/pipes/}; any other command ({@code RUN cat <<A <<B}, {@code RUN <<EOF bash})
 * gets the bodies and terminators joined after it, for the shell to read as here-documents.
 *
 * @param args         the command line before the shell is prepended
 * @param scriptVertex the tree holding the script file to mount at {@link #PIPES}, or null
 * @param nameSuffix   appended to the progress name: " (first line of the body...)" for a single heredoc
 */
record RunScript(List<String> args, String scriptVertex, String nameSuffix) {
  static final String PIPES = "/dev/pipes/";

  static RunScript of(Instruction.Run c, GraphWriter graph, String stage) throws DockerfileError {
    List<String> args = c.cmdLine();
    if (c.files().isEmpty()) {
      return new RunScript(args, null, "");
    }
    if (args.size() != 1 || !c.prependShell()) {
      throw new DockerfileError(c.source().startLine(), "parsing produced an invalid run command: " + args);
    }
    InlineFile first = c.files().get(0);
    if (singleHeredoc(args.get(0), c.source().startLine()).isPresent()) {
      String data = new Heredoc(first.name(), first.data(), false, first.chomp(), 0).chompedContent();
      String suffix = " (" + summary(first.data()) + ")";
      if (data.startsWith("#!")) {
        String doc = graph.inlineDocument(first.name(), data, 0755, stage);
        return new RunScript(List.of(Paths.join(PIPES, first.name())), doc, suffix);
      }
      return new RunScript(List.of(data), null, suffix);
    }
    StringBuilder full = new StringBuilder(args.get(0));
    for (InlineFile f : c.files()) {
      full.append('\n').append(f.data()).append(f.name());
    }
    return new RunScript(List.of(full.toString()), null, "");
  }

  private static Optional<Heredoc> singleHeredoc(String command, int line) throws DockerfileError {
    try {
      return Heredocs.parseWord(command);
    } catch (ExpansionException e) {
      throw new DockerfileError(line, e.getMessage());
    }
  }

  /** BuildKit's summarizeHeredoc: the first line of the trimmed body, "..." when there are more. */
  static String summary(String doc) {
    String[] lines = GoText.trimSpace(doc).replace("\r\n", "\n").split("\n", -1);
    return lines[0] + (lines.length > 1 ? "..." : "");
  }
}

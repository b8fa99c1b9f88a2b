package dev.jbuild.daemon.frontend.dockerfile.parser;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Dockerfile into instruction {@link Node}s (BuildKit's parser.Parse): strips a UTF-8 BOM, honours
 * parser directives, drops comment lines (also inside continued instructions), joins continuation lines
 * (the escape character as the last non-blank character), skips empty continuation lines with a warning,
 * reads the bodies of heredocs that follow an ADD/COPY/RUN line, and records the first and last line of each
 * instruction.
 */
public final class DockerfileParser {
  private DockerfileParser() {}

  public static ParsedFile parse(byte[] dockerfile) throws DockerfileError {
    return parse(new String(dockerfile, StandardCharsets.UTF_8));
  }

  public static ParsedFile parse(String text) throws DockerfileError {
    SourceLines lines = SourceLines.of(text);
    Directives directives = new Directives();
    List<Node> nodes = new ArrayList<>();
    List<ParseWarning> warnings = new ArrayList<>();
    while (lines.hasNext()) {
      String raw = lines.next().text();
      if (lines.lineNumber() == 1 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String processed = processLine(directives, raw, true, lines.lineNumber());
      int startLine = lines.lineNumber();
      String stripped = directives.stripContinuation(processed);
      boolean endOfLine = stripped == null;
      String line = endOfLine ? processed : stripped;
      if (endOfLine && line.isEmpty()) {
        continue;
      }
      boolean emptyContinuation = false;
      while (!endOfLine && lines.hasNext()) {
        String nextRaw = lines.next().text();
        String next = processLine(directives, nextRaw, false, lines.lineNumber());
        if (isComment(nextRaw)) {
          continue;
        }
        if (GoText.trimLeft(next).isEmpty()) {
          emptyContinuation = true;
          continue;
        }
        String nextStripped = directives.stripContinuation(next);
        endOfLine = nextStripped == null;
        line += endOfLine ? next : nextStripped;
      }
      if (emptyContinuation) {
        warnings.add(new ParseWarning("Empty continuation line found in: " + line, startLine));
      }
      Node node = NodeReader.read(line, directives.escapeToken(), startLine, lines.lineNumber());
      if (Heredocs.canContain(node) && line.contains("<<")) {
        node = readHeredocs(node, line, lines);
      }
      nodes.add(node);
    }
    if (nodes.isEmpty()) {
      throw new DockerfileError(0, "file with no instructions");
    }
    if (!directives.syntax().isEmpty()) {
      warnings.add(syntaxWarning(directives));
    }
    return new ParsedFile(nodes, directives.escapeToken(), directives.syntax(), warnings, directives.check());
  }

  /** Reads each declared heredoc's body, in order, from the lines after the instruction up to its terminator. */
  private static Node readHeredocs(Node node, String line, SourceLines lines) throws DockerfileError {
    List<Heredoc> declared;
    try {
      declared = Heredocs.fromLine(line);
    } catch (ExpansionException e) {
      throw new DockerfileError(node.startLine(), e.getMessage());
    }
    List<Heredoc> read = new ArrayList<>();
    for (Heredoc heredoc : declared) {
      StringBuilder body = new StringBuilder();
      boolean terminated = false;
      while (lines.hasNext()) {
        SourceLines.Line next = lines.next();
        String candidate = heredoc.chomp() ? stripLeadingTabs(next.text()) : next.text();
        if (candidate.equals(heredoc.name())) {
          terminated = true;
          break;
        }
        body.append(next.raw());
      }
      if (!terminated) {
        throw new DockerfileError(node.startLine(), "unterminated heredoc " + heredoc.name()
            + ": no line \"" + heredoc.name() + "\" ends it before the end of the file");
      }
      read.add(heredoc.withContent(body.toString()));
    }
    return node.withHeredocs(read, lines.lineNumber());
  }

  /** jbuild has one, built-in, Dockerfile frontend: a syntax directive naming another is not followed. */
  private static ParseWarning syntaxWarning(Directives directives) {
    String image = directives.syntax().split(" ", 2)[0];
    return new ParseWarning("the syntax directive names the frontend image " + GoText.quote(image)
        + ", which jbuild does not run: the Dockerfile is read by jbuild's built-in frontend",
        directives.syntaxLine());
  }

  private static String stripLeadingTabs(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '\t') {
      i++;
    }
    return s.substring(i);
  }

  private static String processLine(Directives directives, String line, boolean stripLeft, int lineNumber)
      throws DockerfileError {
    String token = stripLeft ? GoText.trimLeft(line) : line;
    directives.offer(token, lineNumber);
    return token.startsWith("#") ? "" : token;
  }

  private static boolean isComment(String line) {
    return GoText.trimLeft(line).startsWith("#");
  }
}

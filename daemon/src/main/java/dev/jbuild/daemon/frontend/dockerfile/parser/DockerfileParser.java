package dev.jbuild.daemon.frontend.dockerfile.parser;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Dockerfile into instruction {@link Node}s (BuildKit's parser.Parse): strips a UTF-8 BOM, honours
 * parser directives, drops comment lines (also inside continued instructions), joins continuation lines
 * (the escape character as the last non-blank character), skips empty continuation lines with a warning,
 * and records the first and last line of each instruction. Heredocs are a later addition: they will be
 * read here, after an ADD/COPY/RUN line, from the lines that follow it.
 */
public final class DockerfileParser {
  private static final int MAX_LINE_BYTES = 65535;

  private DockerfileParser() {}

  public static ParsedFile parse(byte[] dockerfile) throws DockerfileError {
    return parse(new String(dockerfile, StandardCharsets.UTF_8));
  }

  public static ParsedFile parse(String text) throws DockerfileError {
    List<String> lines = splitLines(text);
    Directives directives = new Directives();
    List<Node> nodes = new ArrayList<>();
    List<ParseWarning> warnings = new ArrayList<>();
    int current = 0;
    while (current < lines.size()) {
      String raw = lines.get(current);
      if (current == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String processed = processLine(directives, raw, true, current + 1);
      current++;
      int startLine = current;
      String stripped = directives.stripContinuation(processed);
      boolean endOfLine = stripped == null;
      String line = endOfLine ? processed : stripped;
      if (endOfLine && line.isEmpty()) {
        continue;
      }
      boolean emptyContinuation = false;
      while (!endOfLine && current < lines.size()) {
        String nextRaw = lines.get(current);
        String next = processLine(directives, nextRaw, false, current + 1);
        current++;
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
      nodes.add(NodeReader.read(line, directives.escapeToken(), startLine, current));
    }
    if (nodes.isEmpty()) {
      throw new DockerfileError(0, "file with no instructions");
    }
    return new ParsedFile(nodes, directives.escapeToken(), directives.syntax(), warnings);
  }

  /** Lines as Go's bufio.ScanLines gives them: split on \n, a trailing \r dropped, no empty last line. */
  private static List<String> splitLines(String text) throws DockerfileError {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(start, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE_BYTES) {
        throw new DockerfileError(lines.size() + 1,
            "dockerfile line greater than max allowed size of " + MAX_LINE_BYTES);
      }
      lines.add(line);
      start = nl < 0 ? text.length() : nl + 1;
    }
    return lines;
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

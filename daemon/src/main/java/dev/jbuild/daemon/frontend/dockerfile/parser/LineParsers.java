package dev.jbuild.daemon.frontend.dockerfile.parser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How each instruction's arguments are split (BuildKit's line_parsers.go). Values stay raw: quotes and
 * escapes are kept for the word expansion that the instruction layer applies later.
 */
final class LineParsers {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The split arguments and whether they came from a JSON array. */
  record Args(List<String> values, boolean json) {
    static Args of(List<String> values) {
      return new Args(values, false);
    }
  }

  /** Arguments that no rule can split, e.g. a JSON array holding a number or {@code ENV KEY} alone. */
  static final class ArgumentSyntaxException extends Exception {
    ArgumentSyntaxException(String message) {
      super(message);
    }
  }

  static final String NOT_STRING_ARRAY =
      "when using JSON array syntax, arrays must be comprised of strings only";

  private LineParsers() {}

  static Args parse(String keyword, String rest, char escape)
      throws ArgumentSyntaxException {
    return switch (keyword) {
      case "add", "copy", "volume" -> maybeJsonToList(rest);
      case "arg" -> Args.of(words(rest, escape));
      case "cmd", "entrypoint", "run", "shell" -> maybeJson(rest);
      case "env" -> nameValue(rest, "ENV", escape);
      case "label" -> nameValue(rest, "LABEL", escape);
      case "expose", "from" -> Args.of(whitespaceDelimited(rest));
      case "healthcheck" -> healthcheck(rest);
      case "maintainer", "stopsignal", "user", "workdir" -> Args.of(rest.isEmpty() ? List.of() : List.of(rest));
      default -> Args.of(List.of("")); // unknown keywords keep one empty argument, as BuildKit's parseIgnore
    };
  }

  static List<String> whitespaceDelimited(String rest) {
    if (rest.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(CommandSplitter.WHITESPACE.split(rest, -1));
  }

  /** A JSON array of strings, or null when {@code rest} is not a JSON array at all. */
  static List<String> json(String rest) throws ArgumentSyntaxException {
    String trimmed = GoText.trimLeft(rest);
    if (!trimmed.startsWith("[")) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(trimmed);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw new ArgumentSyntaxException(NOT_STRING_ARRAY);
      }
      out.add(element.textValue());
    }
    return out;
  }

  private static Args maybeJson(String rest) throws ArgumentSyntaxException {
    if (rest.isEmpty()) {
      return Args.of(List.of());
    }
    List<String> json = json(rest);
    return json != null ? new Args(json, true) : Args.of(List.of(rest));
  }

  private static Args maybeJsonToList(String rest) throws ArgumentSyntaxException {
    List<String> json = json(rest);
    return json != null ? new Args(json, true) : Args.of(whitespaceDelimited(rest));
  }

  private static Args healthcheck(String rest) throws ArgumentSyntaxException {
    int sep = 0;
    while (sep < rest.length() && !GoText.isSpace(rest.charAt(sep))) {
      sep++;
    }
    if (sep == 0) {
      return Args.of(List.of());
    }
    int next = sep;
    while (next < rest.length() && GoText.isSpace(rest.charAt(next))) {
      next++;
    }
    Args cmd = maybeJson(rest.substring(next));
    List<String> all = new ArrayList<>();
    all.add(rest.substring(0, sep));
    all.addAll(cmd.values());
    return new Args(all, cmd.json());
  }

  /** ENV/LABEL: triples (key, value, "=") for {@code k=v ...}, or one (key, rest, "") for the legacy form. */
  private static Args nameValue(String rest, String keyword, char escape) throws ArgumentSyntaxException {
    List<String> words = words(rest, escape);
    if (words.isEmpty()) {
      return Args.of(List.of());
    }
    List<String> out = new ArrayList<>();
    if (!words.get(0).contains("=")) {
      String[] parts = CommandSplitter.WHITESPACE.split(rest, 2);
      if (parts.length < 2) {
        throw new ArgumentSyntaxException(keyword + " must have two arguments");
      }
      return Args.of(List.of(parts[0], parts[1], ""));
    }
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new ArgumentSyntaxException("Syntax error - can't find = in " + GoText.quote(word)
            + ". Must be of the form: name=value");
      }
      out.add(word.substring(0, eq));
      out.add(word.substring(eq + 1));
      out.add("=");
    }
    return Args.of(out);
  }

  private enum Phase { SPACES, WORD, QUOTE }

  /** Space-separated words; quotes and escapes are kept (BuildKit's parseWords). */
  static List<String> words(String rest, char escape) {
    List<String> words = new ArrayList<>();
    Phase phase = Phase.SPACES;
    int quote = 0;
    boolean blankOk = false;
    StringBuilder word = new StringBuilder();
    int n = rest.length();
    int pos = 0;
    while (pos <= n) {
      int ch = pos < n ? rest.codePointAt(pos) : 0;
      int width = pos < n ? Character.charCount(ch) : 1;
      if (phase == Phase.SPACES) {
        if (pos == n) {
          break;
        }
        if (GoText.isSpace(ch)) {
          pos += width;
          continue;
        }
        phase = Phase.WORD;
      }
      if (pos == n) {
        if (blankOk || word.length() > 0) {
          words.add(word.toString());
        }
        break;
      }
      if (phase == Phase.WORD) {
        if (GoText.isSpace(ch)) {
          phase = Phase.SPACES;
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          pos += width;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = Phase.QUOTE;
        }
        if (ch == escape) {
          if (pos + width == n) {
            pos += width; // an escape at the very end is dropped
            continue;
          }
          // outside quotes the escape and the next character are both kept, even a quote
          word.appendCodePoint(ch);
          pos += width;
          ch = rest.codePointAt(pos);
          width = Character.charCount(ch);
        }
        word.appendCodePoint(ch);
        pos += width;
        continue;
      }
      if (ch == quote) {
        phase = Phase.WORD;
      }
      if (ch == escape && quote != '\'') {
        if (pos + width == n) {
          phase = Phase.WORD;
          pos += width;
          continue;
        }
        word.appendCodePoint(ch);
        pos += width;
        ch = rest.codePointAt(pos);
        width = Character.charCount(ch);
      }
      word.appendCodePoint(ch);
      pos += width;
    }
    return words;
  }
}

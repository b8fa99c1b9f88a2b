package dev.jbuild.daemon.frontend.dockerfile.parser;

import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits an instruction line into keyword, leading {@code --flags} and the rest (BuildKit's splitCommand /
 * extractBuilderFlags). Flags are recognised only at the start of the arguments; a bare {@code --} ends
 * them; quotes inside a flag word are removed and backslashes escape the next character.
 */
final class CommandSplitter {
  static final Pattern WHITESPACE = Pattern.compile("[\\t\\x0B\\f\\r ]+");

  record Split(String keyword, List<String> flags, String rest) {}

  private CommandSplitter() {}

  static Split split(String line) {
    String[] parts = WHITESPACE.split(GoText.trimSpace(line), 2);
    if (parts.length < 2) {
      return new Split(parts[0], List.of(), "");
    }
    List<String> flags = new ArrayList<>();
    String rest = extractFlags(parts[1], flags);
    return new Split(parts[0], flags, GoText.trimSpace(rest));
  }

  private enum Phase { SPACES, WORD, QUOTE }

  /**
   * Collects leading flag words into {@code flags}; returns what follows them. A flag is one word: BuildKit's
   * own fixtures ({@code CMD --doit [ "a", "b" ]}) show that "--flag value" does not take the next word.
   */
  private static String extractFlags(String line, List<String> flags) {
    Phase phase = Phase.SPACES;
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean blankOk = false;
    int n = line.length();
    for (int pos = 0; pos <= n; pos++) {
      char ch = pos < n ? line.charAt(pos) : 0;
      if (phase == Phase.SPACES) {
        if (pos == n) {
          break;
        }
        if (GoText.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') {
          return line.substring(pos);
        }
        phase = Phase.WORD;
      }
      if (pos == n) {
        if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
          flags.add(word.toString());
        }
        break;
      }
      if (phase == Phase.WORD) {
        if (GoText.isSpace(ch)) {
          phase = Phase.SPACES;
          if (word.toString().equals("--")) {
            return line.substring(pos);
          }
          if (blankOk || word.length() > 0) {
            flags.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = Phase.QUOTE;
          continue;
        }
        if (ch == '\\') {
          if (pos + 1 == n) {
            continue;
          }
          ch = line.charAt(++pos);
        }
        word.append(ch);
        continue;
      }
      // in quotes
      if (ch == quote) {
        phase = Phase.WORD;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == n) {
          phase = Phase.WORD;
          continue;
        }
        ch = line.charAt(++pos);
      }
      word.append(ch);
    }
    return "";
  }
}

package dev.jbuild.daemon.frontend.dockerfile.parser;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser directives ({@code # escape=`}, {@code # syntax=...}, {@code # check=...}): recognised only in the
 * comment lines at the very top of the file; the first other line (blank, instruction, ordinary comment or
 * unknown directive) ends them. Each may appear once.
 */
final class Directives {
  private static final Pattern DIRECTIVE =
      Pattern.compile("^#[ \\t\\n\\f\\r]*([a-zA-Z][a-zA-Z0-9]*)[ \\t\\n\\f\\r]*=[ \\t\\n\\f\\r]*(.+?)[ \\t\\n\\f\\r]*\\z",
          Pattern.DOTALL);
  private static final Set<String> KNOWN = Set.of("escape", "syntax", "check");

  private final Set<String> seen = new HashSet<>();
  private boolean done;
  private char escapeToken = '\\';
  private Pattern continuation = continuationFor('\\');
  private String syntax = "";
  private int syntaxLine;
  private CheckDirective check = CheckDirective.NONE;

  /** Looks at a line (left-trimmed) while directives are still possible. */
  void offer(String line, int lineNumber) throws DockerfileError {
    if (done) {
      return;
    }
    Matcher m = DIRECTIVE.matcher(line);
    if (!m.matches()) {
      done = true;
      return;
    }
    String key = m.group(1).toLowerCase(Locale.ROOT);
    if (!KNOWN.contains(key)) {
      done = true;
      return;
    }
    if (!seen.add(key)) {
      throw new DockerfileError(lineNumber, "only one " + key + " parser directive can be used");
    }
    String value = m.group(2);
    if (key.equals("escape")) {
      if (!value.equals("`") && !value.equals("\\")) {
        throw new DockerfileError(lineNumber,
            "invalid escape token '" + value + "' does not match ` or \\");
      }
      escapeToken = value.charAt(0);
      continuation = continuationFor(escapeToken);
    } else if (key.equals("syntax")) {
      syntax = value;
      syntaxLine = lineNumber;
    } else {
      try {
        check = CheckDirective.parse(value);
      } catch (IllegalArgumentException e) {
        throw new DockerfileError(lineNumber, "failed to parse check options: " + e.getMessage());
      }
    }
  }

  char escapeToken() {
    return escapeToken;
  }

  String syntax() {
    return syntax;
  }

  /** The line of the syntax directive; 0 when there is none. */
  int syntaxLine() {
    return syntaxLine;
  }

  CheckDirective check() {
    return check;
  }

  /** The line without its trailing escape character, or null when the line does not continue. */
  String stripContinuation(String line) {
    Matcher m = continuation.matcher(line);
    return m.find() ? line.substring(0, m.end(1)) : null;
  }

  /** The escape character ending a line, unless another escape character precedes it (an escaped escape). */
  private static Pattern continuationFor(char escape) {
    String e = Pattern.quote(String.valueOf(escape));
    return Pattern.compile("(^|[^" + (escape == '\\' ? "\\\\" : "`") + "])" + e + "[ \\t]*\\z");
  }
}

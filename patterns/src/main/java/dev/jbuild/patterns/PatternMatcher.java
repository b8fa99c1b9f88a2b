package dev.jbuild.patterns;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of patterns with Docker's rules: a path is matched when the last pattern that applies to it
 * (or to one of its parent directories) is not an exception ("!"). Same results as moby/patternmatcher.
 */
public final class PatternMatcher {

  private final List<IgnorePattern> patterns;
  private final boolean hasExceptions;

  private PatternMatcher(List<IgnorePattern> patterns) {
    this.patterns = List.copyOf(patterns);
    this.hasExceptions = patterns.stream().anyMatch(IgnorePattern::isException);
  }

  /** Trims and cleans each pattern (blank ones are dropped), as moby's {@code patternmatcher.New}. */
  public static PatternMatcher compile(List<String> rawPatterns) throws InvalidPatternException {
    List<IgnorePattern> compiled = new ArrayList<>();
    for (String raw : rawPatterns) {
      String p = raw.strip();
      if (p.isEmpty()) {
        continue;
      }
      p = GoPaths.clean(p);
      boolean exception = p.charAt(0) == '!';
      if (exception) {
        if (p.length() == 1) {
          throw new InvalidPatternException(raw, "illegal exclusion pattern \"!\"");
        }
        p = p.substring(1);
      }
      compiled.add(IgnorePattern.compile(p, exception));
    }
    return new PatternMatcher(compiled);
  }

  public List<IgnorePattern> patterns() {
    return patterns;
  }

  public boolean hasExceptions() {
    return hasExceptions;
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** Per-pattern results of a directory, passed to its children (moby's MatchInfo). */
  public static final class MatchInfo {
    static final MatchInfo NONE = new MatchInfo(new boolean[0]);
    private final boolean[] parentMatched;

    private MatchInfo(boolean[] parentMatched) {
      this.parentMatched = parentMatched;
    }
  }

  /** The result of matching one path: whether it matched, and what its children inherit. */
  public record Result(boolean matched, MatchInfo info) {}

  /** Matches a "/"-separated relative path using its parent directory's results (NONE for the top level). */
  public Result match(String path, MatchInfo parent) {
    boolean[] inherited = parent.parentMatched;
    boolean[] mine = new boolean[patterns.size()];
    boolean matched = false;
    for (int i = 0; i < patterns.size(); i++) {
      IgnorePattern pattern = patterns.get(i);
      boolean match = inherited.length != 0 && inherited[i];
      if (!match) {
        if (pattern.isException() != matched) {
          continue;
        }
        match = pattern.matches(path);
        if (!match && inherited.length == 0) {
          match = matchesAParent(pattern, path);
        }
      }
      mine[i] = match;
      if (match) {
        matched = !pattern.isException();
      }
    }
    return new Result(matched, new MatchInfo(mine));
  }

  /** Without parent results: does the path or one of its parent directories match? */
  public boolean matchesOrParentMatches(String path) {
    return match(path, MatchInfo.NONE).matched();
  }

  public static MatchInfo noParent() {
    return MatchInfo.NONE;
  }

  private static boolean matchesAParent(IgnorePattern pattern, String path) {
    String parent = GoPaths.dir(path);
    if (parent.equals(".")) {
      return false;
    }
    String[] dirs = parent.split("/");
    StringBuilder prefix = new StringBuilder();
    for (String dir : dirs) {
      if (prefix.length() > 0) {
        prefix.append('/');
      }
      prefix.append(dir);
      if (pattern.matches(prefix.toString())) {
        return true;
      }
    }
    return false;
  }
}

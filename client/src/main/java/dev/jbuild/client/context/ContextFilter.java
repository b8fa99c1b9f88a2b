package dev.jbuild.client.context;

import dev.jbuild.patterns.IgnorePattern;
import dev.jbuild.patterns.InvalidPatternException;
import dev.jbuild.patterns.PatternMatcher;
import dev.jbuild.patterns.PatternMatcher.MatchInfo;
import java.util.List;

/**
 * Decides, path by path during a walk, what a ContextRequest's include and exclude patterns keep: BuildKit's
 * rules (tonistiigi/fsutil filter.go). An excluded directory is skipped whole unless an exception ("!") could
 * re-include something below it; then it is walked, and sent only if something inside it is kept.
 */
public final class ContextFilter {

  /** What the walker does with one path. */
  public enum Action {
    /** Send it (and any parent directory not sent yet). */
    KEEP,
    /** Do not send it, but walk into it if it is a directory. */
    HIDE,
    /** Do not send it and do not walk into it. */
    SKIP_DIR
  }

  /** The decision for one path and the state its children inherit. */
  public record Decision(Action action, DirState state) {}

  /** Pattern results of a directory, handed to its children. */
  public record DirState(MatchInfo include, MatchInfo exclude) {
    public static final DirState TOP = new DirState(PatternMatcher.noParent(), PatternMatcher.noParent());
  }

  private static final String GLOB_CHARS = "*[]?^\\";

  private final PatternMatcher includes;
  private final PatternMatcher excludes;
  private final boolean onlyPrefixIncludes;
  private final boolean onlyPrefixExceptions;

  public ContextFilter(PatternMatcher includes, PatternMatcher excludes) {
    this.includes = includes;
    this.excludes = excludes;
    this.onlyPrefixIncludes = includes.patterns().stream()
        .filter(p -> !p.isException()).noneMatch(p -> hasGlob(withoutTrailingGlob(p)));
    this.onlyPrefixExceptions = excludes.patterns().stream()
        .filter(IgnorePattern::isException).noneMatch(p -> hasGlob(withoutTrailingGlob(p)));
  }

  public static ContextFilter of(List<String> includePatterns, List<String> excludePatterns)
      throws InvalidPatternException {
    return new ContextFilter(PatternMatcher.compile(includePatterns), PatternMatcher.compile(excludePatterns));
  }

  public Decision decide(String path, boolean isDir, DirState parent) {
    boolean hide = false;
    MatchInfo includeInfo = parent.include();
    MatchInfo excludeInfo = parent.exclude();
    if (!includes.isEmpty()) {
      PatternMatcher.Result r = includes.match(path, parent.include());
      includeInfo = r.info();
      if (!r.matched()) {
        if (isDir && onlyPrefixIncludes && !anyPatternBelow(includes, false, path)) {
          return new Decision(Action.SKIP_DIR, null);
        }
        hide = true;
      }
    }
    if (!excludes.isEmpty()) {
      PatternMatcher.Result r = excludes.match(path, parent.exclude());
      excludeInfo = r.info();
      if (r.matched()) {
        if (isDir && onlyPrefixExceptions
            && (!excludes.hasExceptions() || !anyPatternBelow(excludes, true, path))) {
          return new Decision(Action.SKIP_DIR, null);
        }
        hide = true;
      }
    }
    return new Decision(hide ? Action.HIDE : Action.KEEP, new DirState(includeInfo, excludeInfo));
  }

  /** Could a (non-wildcard) pattern of this kind name something inside directory {@code dir}? */
  private static boolean anyPatternBelow(PatternMatcher matcher, boolean exceptions, String dir) {
    String dirSlash = dir + "/";
    return matcher.patterns().stream()
        .filter(p -> p.isException() == exceptions)
        .anyMatch(p -> (withoutTrailingGlob(p) + "/").startsWith(dirSlash));
  }

  private static String withoutTrailingGlob(IgnorePattern p) {
    String s = p.text();
    if (s.endsWith("/**")) {
      s = s.substring(0, s.length() - 3);
    }
    if (s.endsWith("/*")) {
      s = s.substring(0, s.length() - 2);
    }
    return s;
  }

  private static boolean hasGlob(String s) {
    return s.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
  }
}

package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.CopyFilter;
import dev.jbuild.patterns.IgnorePattern;
import dev.jbuild.patterns.InvalidPatternException;
import dev.jbuild.patterns.PatternMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What of a COPY source's tree is copied, as fsutil's copier decides it: an entry matched by an exclude
 * pattern (.dockerignore syntax, exceptions included) is left out with everything under it, unless it is a
 * directory that an exception may re-include something from; with include patterns (COPY --parents), an entry
 * is copied when it or a parent directory fully matches one, and a directory on the way to a match is made only
 * when something under it is copied.
 */
final class SourceFilter implements CopyFilter {
  private final PatternMatcher excludes;
  private final List<IncludePattern> includes = new ArrayList<>();

  private SourceFilter(PatternMatcher excludes, List<String> includes) {
    this.excludes = excludes;
    for (String include : includes) {
      IncludePattern p = new IncludePattern(include);
      if (p.matchesEverything()) {
        this.includes.clear();
        return;
      }
      this.includes.add(p);
    }
  }

  static SourceFilter of(List<String> includes, List<String> excludes) throws StepException {
    try {
      return new SourceFilter(PatternMatcher.compile(excludes), includes);
    } catch (InvalidPatternException e) {
      throw new StepException("--exclude: " + e.getMessage());
    }
  }

  /** Whether the filter lets everything through. */
  boolean isEmpty() {
    return excludes.isEmpty() && includes.isEmpty();
  }

  /** Whether {@code path} (relative to where the exclude patterns apply) is excluded. */
  boolean excluded(String path, boolean directory) {
    if (excludes.isEmpty() || !excludes.matchesOrParentMatches(path)) {
      return false;
    }
    if (directory && excludes.hasExceptions()) {
      String dirSlash = path + "/";
      for (IgnorePattern p : excludes.patterns()) {
        if (p.isException() && (p.text() + "/").startsWith(dirSlash)) {
          return false; // an exception may re-include something under it: walk in
        }
      }
    }
    return true;
  }

  @Override
  public Decision decide(String path, boolean directory) {
    if (excluded(path, directory)) {
      return Decision.SKIP;
    }
    if (includes.isEmpty()) {
      return Decision.COPY;
    }
    IncludePattern.Match best = IncludePattern.Match.NONE;
    for (IncludePattern p : includes) {
      IncludePattern.Match m = ancestorOrSelf(p, path);
      if (m.compareTo(best) > 0) {
        best = m;
      }
    }
    return switch (best) {
      case FULL -> Decision.COPY;
      case PARTIAL -> directory ? Decision.DEFER : Decision.SKIP;
      case NONE -> Decision.SKIP;
    };
  }

  /** FULL when the path or one of its parent directories fully matches; else the path's own match. */
  private static IncludePattern.Match ancestorOrSelf(IncludePattern p, String path) {
    int slash = path.indexOf('/');
    while (slash >= 0) {
      if (p.match(path.substring(0, slash)) == IncludePattern.Match.FULL) {
        return IncludePattern.Match.FULL;
      }
      slash = path.indexOf('/', slash + 1);
    }
    return p.match(path);
  }
}

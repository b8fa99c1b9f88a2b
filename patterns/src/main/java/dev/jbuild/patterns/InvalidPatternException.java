package dev.jbuild.patterns;

/** A .dockerignore or context pattern that Docker would reject too (Go's filepath.ErrBadPattern). */
public final class InvalidPatternException extends Exception {

  public InvalidPatternException(String pattern, String why) {
    super("invalid pattern \"" + pattern + "\": " + why);
  }
}

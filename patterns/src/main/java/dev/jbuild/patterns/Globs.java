package dev.jbuild.patterns;

/** What Go's {@code filepath.Match} syntax says of a path, for the places that glob only when they must. */
public final class Globs {

  private Globs() {}

  /** True when {@code path} has an unescaped {@code * ? [} (BuildKit's containsWildcards; a backslash escapes). */
  public static boolean hasWildcard(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }
}

package dev.jbuild.daemon.frontend.dockerfile.convert;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What an ADD source names, told apart as BuildKit's dockerfile2llb does: a git repository (git@host:..., git://,
 * ssh://, or an http(s) URL whose path ends in ".git"), another http(s) URL, or a path in the build context
 * (anything else, "ftp://x" included).
 */
final class RemoteSources {
  /** BuildKit's name for a downloaded file when the URL path has no last element. */
  static final String UNNAMED = "__unnamed__";

  private RemoteSources() {}

  static boolean isGit(String src) {
    if (src.startsWith("git@") || src.startsWith("git://") || src.startsWith("ssh://")) {
      return true;
    }
    if (!isHttpScheme(src)) {
      return false;
    }
    String path = src.replaceFirst("[#?].*$", "");
    return path.endsWith(".git") || path.endsWith(".git/");
  }

  static boolean isHttp(String src) {
    return isHttpScheme(src) && !isGit(src);
  }

  private static boolean isHttpScheme(String src) {
    return src.startsWith("http://") || src.startsWith("https://");
  }

  /** The downloaded file's name: the URL path's last element (BuildKit's path.Base), else "__unnamed__". */
  static String fileName(String url) {
    String path;
    try {
      path = new URI(url).getPath();
    } catch (URISyntaxException e) {
      return UNNAMED;
    }
    if (path == null) {
      return UNNAMED;
    }
    String clean = Paths.clean(path);
    String base = clean.substring(clean.lastIndexOf('/') + 1);
    return base.isEmpty() || base.equals(".") || base.equals("..") ? UNNAMED : base;
  }
}

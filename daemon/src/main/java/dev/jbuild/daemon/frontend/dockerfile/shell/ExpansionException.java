package dev.jbuild.daemon.frontend.dockerfile.shell;

/** A word that cannot be expanded, e.g. an unterminated quote or {@code ${}}. */
public final class ExpansionException extends Exception {
  public ExpansionException(String message) {
    super(message);
  }
}

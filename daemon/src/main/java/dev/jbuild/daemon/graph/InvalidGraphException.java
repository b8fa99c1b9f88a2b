package dev.jbuild.daemon.graph;

/** A step graph that cannot be run: a digest that does not match, an input that is missing. */
public final class InvalidGraphException extends Exception {
  public InvalidGraphException(String message) {
    super(message);
  }
}

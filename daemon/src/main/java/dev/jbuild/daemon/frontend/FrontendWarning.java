package dev.jbuild.daemon.frontend;

/** A warning for the user; {@code line} is 0 when it concerns no one line. */
public record FrontendWarning(String message, String file, int line) {}

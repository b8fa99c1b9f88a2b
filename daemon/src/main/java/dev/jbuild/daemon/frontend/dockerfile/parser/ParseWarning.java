package dev.jbuild.daemon.frontend.dockerfile.parser;

/** Something legal but suspicious in the file, e.g. an empty continuation line. */
public record ParseWarning(String message, int line) {}

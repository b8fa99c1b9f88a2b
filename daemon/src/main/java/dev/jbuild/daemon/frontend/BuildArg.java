package dev.jbuild.daemon.frontend;

/** One {@code --build-arg KEY=VALUE}. */
public record BuildArg(String key, String value) {}

package dev.jbuild.daemon.frontend.dockerfile.instructions;

import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;

/** Expands variables in one word (the conversion binds it to the stage's environment). */
@FunctionalInterface
public interface WordExpander {
  String expand(String word) throws ExpansionException;
}

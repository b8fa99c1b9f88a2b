package dev.jbuild.client.context;

import java.io.IOException;

/** Receives the kept entries of a walk, a directory before its children, names in byte order. */
@FunctionalInterface
public interface ContextVisitor {
  void visit(ContextEntry entry) throws IOException, InterruptedException;
}

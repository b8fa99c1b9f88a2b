package dev.jbuild.daemon.exporter;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output that becomes visible only when committed: closing it without {@link #commit} abandons what was
 * written (a failed export never leaves a truncated file at its destination).
 */
public abstract class CommittableStream extends OutputStream {
  /** Marks the output complete; call once, after the last write. */
  public abstract void commit() throws IOException;
}

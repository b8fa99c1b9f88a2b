package dev.jbuild.client.progress;

import dev.jbuild.proto.control.Event;

/**
 * Shows a build's progress. Lifecycle: {@link #onEvent} for each event in arrival order (from one thread at a
 * time), then {@link #finish} exactly once when the build ends, successfully or not.
 */
public interface ProgressRenderer {

  void onEvent(Event event);

  /** Final output: the state of unfinished vertices, total time and the parallelism summary. */
  void finish(boolean succeeded);
}

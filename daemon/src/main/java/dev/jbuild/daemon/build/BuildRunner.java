package dev.jbuild.daemon.build;

import dev.jbuild.daemon.session.ClientSession;
import dev.jbuild.proto.control.BuildRequest;
import dev.jbuild.proto.control.BuildResult;

/** Runs one build: Dockerfile to step graph, solve, export. Knows nothing of gRPC. */
public interface BuildRunner {

  /**
   * @throws BuildFailure with a user-facing message when the build cannot produce its outputs
   * @throws InterruptedException when cancelled
   */
  BuildResult run(String buildId, BuildRequest request, ClientSession session, BuildChannel channel)
      throws BuildFailure, InterruptedException;
}

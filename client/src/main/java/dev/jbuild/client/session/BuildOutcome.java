package dev.jbuild.client.session;

import dev.jbuild.proto.control.BuildResult;
import io.grpc.Status;

/**
 * How a Build call ended: with a result, with the daemon's status (its description is user-facing), or with
 * a failure on this side (an output that could not be written), which cancelled the call.
 */
public record BuildOutcome(BuildResult result, Status status, String clientError) {

  public boolean succeeded() {
    return clientError == null && status.isOk();
  }

  /** The one line to show after "ERROR: " when the build failed. */
  public String errorMessage() {
    if (clientError != null) {
      return clientError;
    }
    String description = status.getDescription();
    if (status.getCode() == Status.Code.UNAVAILABLE) {
      return "lost connection to jbuildd" + (description == null ? "" : ": " + description);
    }
    if (description == null || description.isEmpty()) {
      return "build failed: " + status.getCode();
    }
    return description;
  }
}

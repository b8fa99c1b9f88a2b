package dev.jbuild.client.cli;

import dev.jbuild.client.daemon.DaemonConnection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The one-line message for a failed unary call: the daemon's description, or why it could not be reached. */
final class CallErrors {

  private CallErrors() {}

  static String describe(DaemonConnection daemon, StatusRuntimeException e) {
    Status status = e.getStatus();
    if (status.getCode() == Status.Code.UNAVAILABLE) {
      return daemon.unreachable(e).getMessage();
    }
    if (status.getCode() == Status.Code.UNIMPLEMENTED) {
      return "this jbuildd does not support that yet (" + status.getCode() + ")";
    }
    String description = status.getDescription();
    return description == null ? status.getCode().toString() : description;
  }
}

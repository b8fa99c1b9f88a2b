package dev.jbuild.client.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Timestamp;
import dev.jbuild.proto.control.Event;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Base64;

/**
 * One JSON object per event and line, in the protobuf JSON mapping of {@code Event} (lowerCamel field names,
 * RFC 3339 times, bytes as base64, the oneof as one named member): for tools, not people.
 */
final class RawJsonRenderer implements ProgressRenderer {

  private final PrintStream out;
  private final ObjectMapper mapper = new ObjectMapper();

  RawJsonRenderer(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onEvent(Event event) {
    ObjectNode json = mapper.createObjectNode();
    if (!event.getVertex().isEmpty()) {
      json.put("vertex", event.getVertex());
    }
    if (!event.getName().isEmpty()) {
      json.put("name", event.getName());
    }
    if (event.hasTime()) {
      json.put("time", time(event.getTime()));
    }
    switch (event.getKindCase()) {
      case STARTED:
        ObjectNode started = json.putObject("started");
        if (event.getStarted().getInputsCount() > 0) {
          event.getStarted().getInputsList().forEach(started.putArray("inputs")::add);
        }
        break;
      case COMPLETED:
        ObjectNode completed = json.putObject("completed");
        if (event.getCompleted().hasStarted()) {
          completed.put("started", time(event.getCompleted().getStarted()));
        }
        break;
      case CACHED:
        json.putObject("cached");
        break;
      case FAILED:
        ObjectNode failed = json.putObject("failed");
        if (event.getFailed().hasStarted()) {
          failed.put("started", time(event.getFailed().getStarted()));
        }
        failed.put("error", event.getFailed().getError());
        break;
      case LOG:
        ObjectNode log = json.putObject("log");
        log.put("stream", event.getLog().getStream());
        log.put("data", Base64.getEncoder().encodeToString(event.getLog().getData().toByteArray()));
        break;
      case PROGRESS:
        ObjectNode progress = json.putObject("progress");
        progress.put("id", event.getProgress().getId());
        // int64 is a string in the protobuf JSON mapping
        progress.put("current", Long.toString(event.getProgress().getCurrent()));
        progress.put("total", Long.toString(event.getProgress().getTotal()));
        break;
      case WARNING:
        ObjectNode warning = json.putObject("warning");
        warning.put("message", event.getWarning().getMessage());
        if (event.getWarning().hasLocation()) {
          ObjectNode location = warning.putObject("location");
          location.put("file", event.getWarning().getLocation().getFile());
          location.put("startLine", event.getWarning().getLocation().getStartLine());
          location.put("endLine", event.getWarning().getLocation().getEndLine());
        }
        break;
      default:
        break;
    }
    out.println(json);
  }

  private static String time(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
  }

  @Override
  public void finish(boolean succeeded) {
    out.flush();
  }
}

package dev.jbuild.worker.runc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.worker.Executor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runc command line, always with {@code --root} under jbuild's own state, so that this daemon's
 * containers are never mixed with anyone else's (another daemon, a test, Docker). runc gets a clean
 * environment (PATH only) and /dev/null as stdin; the JVM cannot chdir, so every path given is absolute.
 */
final class Runc {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String binary;
  private final Path stateRoot;

  /** The outcome of a short command: its exit status and what it printed. */
  record Result(int status, String output) {
    boolean ok() {
      return status == 0;
    }
  }

  Runc(String binary, Path stateRoot) {
    this.binary = binary;
    this.stateRoot = stateRoot.toAbsolutePath();
  }

  /**
   * Starts {@code runc run} in the foreground: the container's stdout and stderr are the returned process's,
   * its exit status is runc's (128 + n when killed by signal n), and runc deletes the container when the
   * process ends. runc's own log (JSON lines) goes to {@code bundle/runc.log}: see {@link #failure}.
   */
  Process run(String id, Path bundle) throws IOException {
    List<String> cmd = List.of(binary, "--root", stateRoot.toString(),
        "--log", logOf(bundle).toString(), "--log-format", "json",
        "run", "--bundle", bundle.toString(), id);
    return builder(cmd, bundle).start();
  }

  /** {@code runc kill ID KILL}; fails (harmlessly) when the container does not exist or no longer runs. */
  Result kill(String id) throws IOException, InterruptedException {
    return exec("kill", id, "KILL");
  }

  /** {@code runc delete --force ID}: kills what still runs, removes the state and the container's cgroup. */
  Result deleteForce(String id) throws IOException, InterruptedException {
    return exec("delete", "--force", id);
  }

  /** The ids of the containers under this state root, whatever their status. */
  List<String> list() throws IOException, InterruptedException {
    Result r = exec("list", "--quiet");
    if (!r.ok()) {
      throw new IOException("runc --root " + stateRoot + " list failed: " + r.output().strip());
    }
    List<String> ids = new ArrayList<>();
    for (String line : r.output().split("\n")) {
      if (!line.isBlank()) {
        ids.add(line.strip());
      }
    }
    return ids;
  }

  /**
   * The last error runc logged for a run in {@code bundle} (why the process could not be started), or empty
   * when runc logged none: a non-zero exit is then the process's own.
   */
  Optional<String> failure(Path bundle) throws IOException {
    Path log = logOf(bundle);
    if (!Files.isRegularFile(log)) {
      return Optional.empty();
    }
    String last = null;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      try {
        JsonNode entry = JSON.readTree(line);
        if (entry != null && "error".equals(entry.path("level").asText())) {
          last = entry.path("msg").asText();
        }
      } catch (IOException notJson) {
        // a line runc's logger did not write: nothing to learn from it
      }
    }
    return Optional.ofNullable(last);
  }

  private static Path logOf(Path bundle) {
    return bundle.resolve("runc.log");
  }

  private Result exec(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(binary, "--root", stateRoot.toString()));
    cmd.addAll(List.of(args));
    Process p = builder(cmd, stateRoot).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    return new Result(p.waitFor(), new String(out, StandardCharsets.UTF_8));
  }

  private static ProcessBuilder builder(List<String> cmd, Path dir) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    String path = System.getenv("PATH");
    pb.environment().clear();
    pb.environment().put("PATH", path != null ? path : Executor.DEFAULT_PATH);
    return pb;
  }
}

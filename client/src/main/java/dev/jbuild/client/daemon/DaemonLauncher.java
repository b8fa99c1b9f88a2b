package dev.jbuild.client.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts and stops the embedded-default daemon. It runs in its own session ({@code setsid}), detached, with
 * its output in a log file, so a Ctrl-C in the terminal never reaches it. The command is
 * {@code $JBUILD_DAEMON_CMD} if set (tests), else {@code ${jbuild.home}/bin/jbuildd}, else {@code jbuildd}
 * from the PATH; it gets {@code --auto-started --addr ADDRESS}.
 */
public final class DaemonLauncher {

  private final List<String> command;
  private final List<Path> logCandidates;

  public DaemonLauncher(List<String> command, List<Path> logCandidates) {
    this.command = List.copyOf(command);
    this.logCandidates = List.copyOf(logCandidates);
  }

  public static DaemonLauncher fromEnvironment(Map<String, String> env, String jbuildHome) {
    List<String> command;
    String override = env.get("JBUILD_DAEMON_CMD");
    if (override != null && !override.isBlank()) {
      command = Arrays.asList(override.trim().split("\\s+"));
    } else if (jbuildHome != null && Files.isExecutable(Paths.get(jbuildHome, "bin", "jbuildd"))) {
      command = List.of(Paths.get(jbuildHome, "bin", "jbuildd").toString());
    } else {
      command = List.of("jbuildd");
    }
    return new DaemonLauncher(command, List.of(Paths.get("/var/lib/jbuild"), Paths.get("/run/jbuild"),
        Paths.get(System.getProperty("java.io.tmpdir"))));
  }

  public List<String> command() {
    return command;
  }

  /** Starts the daemon and returns at once; the caller polls Info until it answers. */
  public Path start(DaemonAddress address) throws IOException {
    Path log = logFile();
    List<String> argv = new ArrayList<>();
    argv.add("setsid");
    argv.addAll(command);
    argv.addAll(List.of("--auto-started", "--addr", address.original()));
    ProcessBuilder pb = new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true);
    try {
      pb.start();
    } catch (IOException e) {
      throw new IOException("cannot start jbuildd (" + String.join(" ", command) + "): " + e.getMessage()
          + "; install jbuild with `make install`, or start jbuildd yourself and pass --host", e);
    }
    return log;
  }

  /** Sends SIGTERM to an old auto-started daemon and waits for its socket to go away. */
  public void stop(long pid, DaemonAddress address, Duration timeout) throws IOException, InterruptedException {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    process.ifPresent(ProcessHandle::destroy);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean alive = process.map(ProcessHandle::isAlive).orElse(false);
      boolean socket = address.isUnix() && Files.exists(Paths.get(address.socketPath()));
      // A daemon that died without removing its socket leaves a stale one; the new daemon replaces it.
      if (!alive && (!socket || process.isPresent())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IOException("the old jbuildd (pid " + pid + ") did not stop within " + timeout.toSeconds()
        + "s; stop it yourself (kill " + pid + ") and try again");
  }

  private Path logFile() throws IOException {
    for (Path dir : logCandidates) {
      try {
        Files.createDirectories(dir);
        if (Files.isWritable(dir)) {
          return dir.resolve("jbuildd.log");
        }
      } catch (IOException e) {
        // try the next place
      }
    }
    throw new IOException("no writable directory for the daemon's log among " + logCandidates);
  }
}

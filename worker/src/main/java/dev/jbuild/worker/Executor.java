package dev.jbuild.worker;

import dev.jbuild.snapshots.Mount;
import java.io.IOException;
import java.util.List;

/**
 * Runs one process in a container (RUN). The runc implementation comes with the RUN issue; the daemon
 * reports RUN as "not supported yet" until then.
 *
 * <p>Lifecycle of a call: the executor creates a container whose root filesystem is {@code rootfs} (the
 * mounts of a prepared snapshot) plus {@code mounts}, starts {@code process}, streams its output to
 * {@code logs} as it comes, and returns when it exits, after deleting the container. Interrupting the
 * calling thread cancels: the process is killed and the container deleted before the call returns with
 * InterruptedException. Nothing the executor itself needed (mount points, /etc/hosts) is left in the
 * rootfs.
 */
public interface Executor {

  /** What to run: argv, environment ("K=V"), working directory, user ("uid:gid" or names), hostname. */
  record ProcessSpec(List<String> args, List<String> env, String cwd, String user, String hostname,
      boolean network) {
    public ProcessSpec {
      args = List.copyOf(args);
      env = List.copyOf(env);
    }
  }

  /** An extra mount at {@code destination} inside the container. */
  record MountSpec(String destination, List<Mount> mounts, boolean readOnly) {}

  /** Receives output: stream 1 is stdout, 2 is stderr. Called from the executor's threads. */
  @FunctionalInterface
  interface LogSink {
    void write(int stream, byte[] data);
  }

  /** The exit status of the process (0 = success). */
  int run(ProcessSpec process, List<Mount> rootfs, List<MountSpec> mounts, LogSink logs)
      throws IOException, InterruptedException;
}

package dev.jbuild.worker;

import dev.jbuild.snapshots.Mount;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Runs one process in a container: a RUN step.
 *
 * <p>Lifecycle of one {@link #run} call:
 * <ol>
 *   <li>the root filesystem ({@code rootfs}: the mounts of a prepared, writable snapshot) is mounted;</li>
 *   <li>the user is resolved from that tree's own {@code /etc/passwd} and {@code /etc/group}, the working
 *       directory is created when missing (owned by that user, as BuildKit does);</li>
 *   <li>a container is created over it, with {@code mounts} on top, a generated {@code /etc/hosts} and the
 *       host's {@code /etc/resolv.conf}, and {@code process} is started;</li>
 *   <li>its stdout and stderr are handed to {@code logs} as they come;</li>
 *   <li>when it exits the container is deleted, the mount points the runtime had to create in the rootfs
 *       (a missing {@code /etc/hosts}, mount targets) are removed, the rootfs is unmounted, and the exit
 *       status is returned. What the process wrote stays in the snapshot; nothing of the machinery does.</li>
 * </ol>
 * Interrupting the calling thread cancels: the process is killed, the container deleted and everything
 * cleaned as above within about a second, and the call ends with InterruptedException. An executor runs
 * many calls at the same time, each in its own container.
 *
 * <p>Errors: a process that could not be started (no such user, a missing executable, a bad working
 * directory) is a {@link ProcessStartException} whose message is meant for the user; other IOExceptions are
 * the machinery's. A process that starts and fails is not an error: its exit status is returned.
 *
 * <p>Example: {@code run(new ProcessSpec(List.of("/bin/sh", "-c", "make"), List.of("CC=gcc"), "/src",
 * "builder", "", NetworkMode.HOST), snapshotter.prepare(key, parent), List.of(), logSink)} returns 0 when
 * make succeeded; {@code snapshotter.commit(name, key)} then keeps what it wrote.
 */
public interface Executor {
  /** The hostname a container gets when none is asked for (BuildKit's, so that builds see the same). */
  String DEFAULT_HOSTNAME = "buildkitsandbox";

  /** PATH when the environment has none (containerd's and BuildKit's default). */
  String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** RUN --network: the host's network stack, or a network namespace of its own with only loopback. */
  enum NetworkMode {
    HOST,
    NONE
  }

  /**
   * What to run.
   *
   * @param args argv; {@code args[0]} is looked up on the container's PATH when it has no slash
   * @param env "K=V" entries; {@link #DEFAULT_PATH} is added when there is no PATH
   * @param cwd absolute working directory in the container ("" means "/"); created when missing
   * @param user Dockerfile USER syntax: "name", "uid", "name:group", "uid:gid" ("" means root). Names are
   *     looked up in the rootfs; a user given by name or found by uid gets its supplementary groups
   * @param hostname "" means {@link #DEFAULT_HOSTNAME}
   * @param network which network the process sees
   */
  record ProcessSpec(List<String> args, List<String> env, String cwd, String user, String hostname,
      NetworkMode network) {
    public ProcessSpec {
      args = List.copyOf(args);
      env = List.copyOf(env);
      if (args.isEmpty()) {
        throw new IllegalArgumentException("a process needs at least one argument");
      }
      cwd = cwd == null || cwd.isEmpty() ? "/" : cwd;
      if (!cwd.startsWith("/")) {
        throw new IllegalArgumentException("working directory " + cwd + " is not absolute");
      }
      user = user == null ? "" : user;
      hostname = hostname == null || hostname.isEmpty() ? DEFAULT_HOSTNAME : hostname;
      Objects.requireNonNull(network, "network");
    }

    /** {@code args} as root in "/", no environment but the default PATH, host network. */
    public static ProcessSpec of(List<String> args) {
      return new ProcessSpec(args, List.of(), "/", "", "", NetworkMode.HOST);
    }
  }

  /**
   * One more file system at {@code destination} in the container: exactly one mount, of type "bind" (a
   * directory or a file), "overlay" (snapshot mounts as a {@link dev.jbuild.snapshots.Snapshotter} returns
   * them) or "tmpfs". {@code readOnly} makes it read-only whatever its own options say. A destination that
   * does not exist in the rootfs is created for the run and removed afterwards.
   */
  record MountSpec(String destination, Mount mount, boolean readOnly) {
    public MountSpec {
      Objects.requireNonNull(mount, "mount");
      if (destination == null || !destination.startsWith("/") || destination.replace("/", "").isEmpty()) {
        throw new IllegalArgumentException("mount destination " + destination + " must be an absolute path below /");
      }
      if (!List.of("bind", "overlay", "tmpfs").contains(mount.type())) {
        throw new IllegalArgumentException("cannot mount type " + mount.type() + " at " + destination
            + ": only bind, overlay and tmpfs are supported");
      }
    }

    /** The mounts of a snapshot (one bind or one overlay, as snapshotters return them). */
    public static MountSpec snapshot(String destination, List<Mount> mounts, boolean readOnly) {
      if (mounts.size() != 1) {
        throw new IllegalArgumentException("cannot mount " + mounts + " at " + destination + ": want exactly one mount");
      }
      return new MountSpec(destination, mounts.get(0), readOnly);
    }

    /** An empty, writable tmpfs; {@code sizeBytes} 0 means the kernel's default (half of the RAM). */
    public static MountSpec tmpfs(String destination, long sizeBytes) {
      List<String> options = sizeBytes > 0
          ? List.of("nosuid", "nodev", "size=" + sizeBytes)
          : List.of("nosuid", "nodev");
      return new MountSpec(destination, new Mount("tmpfs", "tmpfs", options), false);
    }
  }

  /**
   * Receives output: stream 1 is stdout, 2 is stderr, in chunks as the process writes them (not split into
   * lines). Called from the executor's threads, one per stream; returns before the run does.
   */
  @FunctionalInterface
  interface LogSink {
    void write(int stream, byte[] data);
  }

  /** Runs {@code process} to its end (see the lifecycle above) and returns its exit status (0 = success). */
  int run(ProcessSpec process, List<Mount> rootfs, List<MountSpec> mounts, LogSink logs)
      throws IOException, InterruptedException;
}

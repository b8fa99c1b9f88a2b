package dev.jbuild.worker.runc;

import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.MountTable;
import dev.jbuild.snapshots.MountedTree;
import dev.jbuild.worker.Executor;
import dev.jbuild.worker.ProcessStartException;
import dev.jbuild.worker.oci.ExecUser;
import dev.jbuild.worker.oci.HostsFile;
import dev.jbuild.worker.oci.OciSpec;
import dev.jbuild.worker.oci.SpecBuilder;
import dev.jbuild.worker.oci.UserResolver;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Executor} over runc. Everything lives under the state directory given to the constructor
 * (the daemon passes one under its root): {@code runc/} is runc's {@code --root}, {@code b/<id>/} the
 * bundle of a running container (config.json, hosts, resolv.conf, runc.log and the rootfs mount point).
 * Paths stay short on purpose: overlay options and runc both have length limits.
 *
 * <p>Lifecycle: construct, call {@link #cleanupLeftovers()} once before the first run (it deletes the
 * containers, mounts and bundles a crash of an earlier daemon on this state left), then {@link #run} from
 * any number of threads. A container's cgroup is {@code jbuild/<id>} below the daemon's own cgroup, so
 * that limits put on the daemon hold for its steps too; runc removes it with the container.
 */
public final class RuncExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(RuncExecutor.class);
  private static final SecureRandom IDS = new SecureRandom();
  /** How long a cancelled run may keep killing before it gives up on runc and kills runc itself. */
  private static final long CANCEL_BUDGET_MILLIS = 800;
  private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

  private final Path bundles;
  private final Runc runc;
  private final long openFiles;

  /** Uses the {@code runc} on PATH. */
  public RuncExecutor(Path stateDir) throws IOException {
    this(stateDir, "runc");
  }

  public RuncExecutor(Path stateDir, String runcBinary) throws IOException {
    Path state = stateDir.toAbsolutePath().normalize();
    Path runcRoot = Files.createDirectories(state.resolve("runc"));
    this.bundles = Files.createDirectories(state.resolve("b"));
    this.runc = new Runc(runcBinary, runcRoot);
    this.openFiles = HostLimits.openFiles();
    LinuxCalls.load(); // here, not in a run: loading JNA would swallow the interrupt that cancels one
    // Jackson's first serialization of the spec records takes most of a second on a busy machine: pay it
    // now rather than in the first run, where it would also delay a cancel
    new SpecBuilder("/", "/", "/", "jbuild", openFiles).build(ProcessSpec.of(List.of("true")), ExecUser.ROOT, List.of())
        .toJson();
  }

  /**
   * Deletes every container under this state's runc root (they can only be left by a daemon that died),
   * unmounts whatever is still mounted under the bundles and removes them. Call it before the first run.
   */
  public void cleanupLeftovers() throws IOException, InterruptedException {
    for (String id : runc.list()) {
      Runc.Result r = runc.deleteForce(id);
      if (!r.ok()) {
        throw new IOException("cannot delete container " + id + " left by an earlier daemon: " + r.output().strip());
      }
      LOG.info("deleted container {} left by an earlier daemon", id);
    }
    for (Path mountPoint : MountTable.mountPointsUnder(bundles)) {
      LinuxCalls.unmount(mountPoint, LinuxCalls.MNT_DETACH);
    }
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(bundles)) {
      for (Path bundle : leftovers) {
        removeBundle(bundle);
      }
    }
  }

  @Override
  public int run(ProcessSpec process, List<Mount> rootfs, List<MountSpec> mounts, LogSink logs)
      throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("cancelled before the container was created");
    }
    String id = HexFormat.of().formatHex(randomBytes());
    Path bundle = Files.createDirectory(bundles.resolve(id));
    try {
      try (MountedTree root = MountedTree.of(rootfs, bundle)) {
        Path rootDir = root.root().toAbsolutePath();
        ExecUser user = UserResolver.resolve(rootDir, process.user());
        OciSpec spec = specBuilder(bundle, rootDir, id).build(process, user, mounts);
        MountStubs stubs = MountStubs.record(rootDir, destinations(spec));
        try {
          WorkingDir.ensure(rootDir, process.cwd(), user);
          writeBundle(bundle, process, spec);
          if (Thread.interrupted()) {
            throw new InterruptedException("cancelled before the container was started");
          }
          return runContainer(id, bundle, logs);
        } finally {
          stubs.remove();
        }
      }
    } catch (ClosedByInterruptException cancelled) {
      // a file write saw the interrupt first: still a cancel (everything is cleaned by now)
      Thread.interrupted();
      InterruptedException e = new InterruptedException("cancelled");
      e.initCause(cancelled);
      throw e;
    } finally {
      removeBundle(bundle);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    IDS.nextBytes(b);
    return b;
  }

  private static List<String> destinations(OciSpec spec) {
    List<String> out = new ArrayList<>();
    for (OciSpec.Mount m : spec.mounts()) {
      out.add(m.destination());
    }
    return out;
  }

  private SpecBuilder specBuilder(Path bundle, Path rootDir, String id) {
    return new SpecBuilder(rootDir.toString(), bundle.resolve("hosts").toString(),
        bundle.resolve("resolv.conf").toString(), "jbuild/" + id, openFiles);
  }

  /**
   * config.json and the two files the container sees as /etc/hosts and /etc/resolv.conf. Plain writes: a
   * bundle is scratch that a crash removes whole.
   */
  private static void writeBundle(Path bundle, ProcessSpec process, OciSpec spec) throws IOException {
    Files.writeString(bundle.resolve("hosts"), HostsFile.render(process.hostname()), StandardCharsets.UTF_8);
    Path resolvConf = bundle.resolve("resolv.conf");
    if (Files.isReadable(HOST_RESOLV_CONF)) {
      Files.write(resolvConf, Files.readAllBytes(HOST_RESOLV_CONF));
    } else {
      Files.createFile(resolvConf);
    }
    Files.write(bundle.resolve("config.json"), spec.toJson());
  }

  /** runc run, output pumped to {@code logs}; on interrupt, kill and delete before rethrowing. */
  private int runContainer(String id, Path bundle, LogSink logs) throws IOException, InterruptedException {
    Process p = runc.run(id, bundle);
    Thread out = OutputPump.start("runc-" + id + "-stdout", p.getInputStream(), 1, logs);
    Thread err = OutputPump.start("runc-" + id + "-stderr", p.getErrorStream(), 2, logs);
    int status;
    try {
      status = p.waitFor();
      out.join();
      err.join();
    } catch (InterruptedException cancelled) {
      stop(id, p, out, err);
      throw cancelled;
    } catch (RuntimeException | Error e) {
      if (stop(id, p, out, err)) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    if (status != 0) {
      Optional<String> failure = runc.failure(bundle);
      if (failure.isPresent()) {
        throw new ProcessStartException(failure.get());
      }
    }
    return status;
  }

  /**
   * Kills the container (runc kill, retried while runc may still be creating it), then runc itself if it
   * has not ended within the budget, then deletes the container. Every step runs even if the thread is
   * interrupted again; the result says whether it was (the interrupt flag is left clear).
   */
  private boolean stop(String id, Process p, Thread out, Thread err) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CANCEL_BUDGET_MILLIS);
    while (p.isAlive() && System.nanoTime() < deadline) {
      try {
        runc.kill(id); // fails while runc is still creating the container: then try again
        p.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException again) {
        interrupted = true;
      } catch (IOException e) {
        LOG.warn("runc kill {}: {}", id, e.toString());
        break;
      }
    }
    if (p.isAlive()) {
      LOG.warn("runc run {} did not end after kill: killing runc", id);
      p.destroyForcibly();
    }
    try {
      Runc.Result deleted = runc.deleteForce(id);
      if (!deleted.ok() && !deleted.output().contains("does not exist")) {
        LOG.warn("runc delete --force {}: {}", id, deleted.output().strip());
      }
    } catch (InterruptedException again) {
      interrupted = true;
    } catch (IOException e) {
      LOG.warn("runc delete --force {}: {}", id, e.toString());
    }
    try {
      out.join(100);
      err.join(100);
    } catch (InterruptedException again) {
      interrupted = true;
    }
    return Thread.interrupted() | interrupted;
  }

  /** Removes a bundle, but never walks into a file system still mounted below it (a snapshot's!). */
  private static void removeBundle(Path bundle) throws IOException {
    List<Path> stillMounted = MountTable.mountPointsUnder(bundle);
    if (!stillMounted.isEmpty()) {
      LOG.warn("leaving bundle {}: {} still mounted (removed at the next start)", bundle, stillMounted);
      return;
    }
    FsOps.removeTree(bundle);
  }
}

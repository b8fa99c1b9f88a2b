package dev.jbuild.daemon;

import dev.jbuild.content.ContentStore;
import dev.jbuild.daemon.build.DockerfileBuildRunner;
import dev.jbuild.daemon.control.ControlService;
import dev.jbuild.daemon.control.DiskUsage;
import dev.jbuild.daemon.exporter.ImageAssembler;
import dev.jbuild.daemon.exporter.LayerChain;
import dev.jbuild.daemon.exporter.LayerCompressor;
import dev.jbuild.daemon.frontend.DockerfileFrontend;
import dev.jbuild.daemon.http.HttpDownloader;
import dev.jbuild.daemon.images.ImageStore;
import dev.jbuild.daemon.pull.ImagePuller;
import dev.jbuild.daemon.registry.LocalFirstImageMetaResolver;
import dev.jbuild.daemon.registry.Registry;
import dev.jbuild.daemon.registry.RegistryImageMetaResolver;
import dev.jbuild.daemon.registry.RegistryOptions;
import dev.jbuild.daemon.registry.RegistryTrust;
import dev.jbuild.daemon.registry.RemoteRegistry;
import dev.jbuild.daemon.server.GrpcServer;
import dev.jbuild.daemon.server.ListenAddress;
import dev.jbuild.daemon.server.RootLock;
import dev.jbuild.daemon.session.ContextStore;
import dev.jbuild.daemon.solver.Solver;
import dev.jbuild.daemon.solver.ops.Steps;
import dev.jbuild.diff.ApplyLimits;
import dev.jbuild.diff.TarDiffer;
import dev.jbuild.metadata.MetadataDb;
import dev.jbuild.snapshots.Snapshotter;
import dev.jbuild.worker.runc.RuncExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running jbuildd: its state root (locked), storage, the build machinery and the gRPC server.
 * {@link #close} is what SIGTERM does: cancel running builds (their clients are told), stop serving,
 * remove the socket, release the root.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final int SHUTDOWN_WAIT_SECONDS = 10;

  /** How to run: where state lives and where to listen. */
  public record Options(Path root, ListenAddress address, int maxParallelism, boolean autoStarted,
      String snapshotter, RegistryOptions registries) {
    public Options(Path root, ListenAddress address, int maxParallelism, boolean autoStarted) {
      this(root, address, maxParallelism, autoStarted, "auto", RegistryOptions.defaults());
    }
  }

  private final RootLock lock;
  private final MetadataDb db;
  private final Snapshotter snapshotter;
  private final ContextStore contexts;
  private final ExecutorService steps;
  private final ExecutorService builds;
  private final ExecutorService cleanup;
  private final ControlService control;
  private final GrpcServer server;

  private Daemon(RootLock lock, MetadataDb db, Snapshotter snapshotter, ContextStore contexts,
      ExecutorService steps, ExecutorService builds, ExecutorService cleanup, ControlService control,
      GrpcServer server) {
    this.lock = lock;
    this.db = db;
    this.snapshotter = snapshotter;
    this.contexts = contexts;
    this.steps = steps;
    this.builds = builds;
    this.cleanup = cleanup;
    this.control = control;
    this.server = server;
  }

  public static Daemon start(Options o) throws IOException {
    Path root = o.root().toAbsolutePath();
    RootLock lock = RootLock.acquire(root);
    try {
      // clients' files and images live here: the daemon's business only (docker keeps its root 0710)
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
      MetadataDb db = MetadataDb.open(root);
      ContentStore store = ContentStore.local(root.resolve("content"));
      Storage storage = Storage.open(o.snapshotter(), root, db);
      Snapshotter snapshotter = storage.snapshotter();
      Snapshots.removeAll(snapshotter); // no snapshot outlives its build until the build cache exists
      TarDiffer differ = new TarDiffer(storage.mountScratch(), ApplyLimits.DEFAULT);
      ImageStore images = new ImageStore(db);
      RuncExecutor executor = executor(root);
      ContextStore contexts = new ContextStore(root);
      ExecutorService steps = Executors.newCachedThreadPool(named("step"));
      ExecutorService builds = Executors.newCachedThreadPool(named("build"));
      ExecutorService cleanup = Executors.newSingleThreadExecutor(named("snapshot-cleanup"));
      installRegistryTrust(o.registries());
      Registry registry = RemoteRegistry.jib(store, o.registries());
      DockerfileFrontend frontend = new DockerfileFrontend(
          new LocalFirstImageMetaResolver(images, store, new RegistryImageMetaResolver(registry)));
      LayerCompressor compressor = new LayerCompressor(store, db);
      var parts = new DockerfileBuildRunner.Parts(
          frontend,
          new Solver(steps, o.maxParallelism()),
          new Steps(new ImagePuller(registry, snapshotter, differ, store), new HttpDownloader(store), store,
              executor),
          snapshotter,
          storage.mountScratch(),
          store,
          new LayerChain(snapshotter, differ, store, compressor),
          new ImageAssembler(store, TarDiffer::isEmpty),
          compressor,
          images,
          cleanup);
      ControlService control = new ControlService(
          new ControlService.DaemonFacts(root, storage.name(), o.autoStarted()),
          new DockerfileBuildRunner(parts), contexts, images, new DiskUsage(root), builds, frontend);
      GrpcServer server = GrpcServer.start(o.address(), control);
      log.info("jbuildd listening on {}, state in {}, {} snapshotter", o.address(), root, storage.name());
      return new Daemon(lock, db, snapshotter, contexts, steps, builds, cleanup, control, server);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Process-wide: jib's TLS goes through the JVM's default SSLContext (RegistryTrust says why). */
  private static void installRegistryTrust(RegistryOptions registries) throws IOException {
    try {
      RegistryTrust.install(registries);
    } catch (GeneralSecurityException e) {
      throw new IOException("setting up TLS trust for registries: " + e.getMessage(), e);
    }
  }

  /** RUN's executor, after deleting the containers, mounts and bundles a crash left on this root. */
  private static RuncExecutor executor(Path root) throws IOException {
    RuncExecutor executor = new RuncExecutor(root.resolve("exec"));
    try {
      executor.cleanupLeftovers();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while cleaning up containers");
    } catch (IOException e) {
      throw new IOException("runc, which runs RUN steps, does not work here (apt-get install runc): "
          + e.getMessage(), e);
    }
    return executor;
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    return r -> {
      Thread t = new Thread(r, prefix);
      t.setDaemon(true);
      return t;
    };
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    log.info("shutting down: cancelling {} running build(s)", control.runningBuilds());
    control.cancelAllBuilds("jbuildd is shutting down; the build was cancelled");
    try {
      server.close();
    } catch (Exception e) {
      log.warn("stopping the server: {}", e.getMessage());
    }
    // cancelled builds clean up after themselves (snapshots, contexts): let them, before state closes
    builds.shutdown();
    steps.shutdown();
    try {
      if (!builds.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)
          || !steps.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("builds still running after {} s; leftovers are removed at the next start", SHUTDOWN_WAIT_SECONDS);
      }
      cleanup.shutdown(); // after the builds: the last of them hand their snapshots over as they end
      if (!cleanup.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("snapshots still being removed after {} s; the rest are removed at the next start",
            SHUTDOWN_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      contexts.close();
      snapshotter.close();
      db.close();
    } catch (IOException e) {
      log.warn("closing state: {}", e.getMessage());
    }
    try {
      lock.close(); // last: nothing of this daemon writes under the root any more
    } catch (IOException e) {
      log.warn("releasing the root lock: {}", e.getMessage());
    }
    log.info("jbuildd stopped");
  }
}

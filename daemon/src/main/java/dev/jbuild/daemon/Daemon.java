package dev.jbuild.daemon;

import dev.jbuild.content.ContentStore;
import dev.jbuild.daemon.build.DockerfileBuildRunner;
import dev.jbuild.daemon.control.ControlService;
import dev.jbuild.daemon.control.DiskUsage;
import dev.jbuild.daemon.exporter.ImageAssembler;
import dev.jbuild.daemon.exporter.LayerChain;
import dev.jbuild.daemon.exporter.LayerCompressor;
import dev.jbuild.daemon.frontend.DockerfileFrontend;
import dev.jbuild.daemon.frontend.NoRegistryImageMetaResolver;
import dev.jbuild.daemon.images.ImageStore;
import dev.jbuild.daemon.server.GrpcServer;
import dev.jbuild.daemon.server.ListenAddress;
import dev.jbuild.daemon.server.RootLock;
import dev.jbuild.daemon.session.ContextStore;
import dev.jbuild.daemon.solver.Solver;
import dev.jbuild.daemon.solver.ops.Steps;
import dev.jbuild.diff.TarDiffer;
import dev.jbuild.metadata.MetadataDb;
import dev.jbuild.snapshots.CopyingSnapshotter;
import dev.jbuild.snapshots.Snapshotter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running jbuildd: its state root (locked), storage, the build machinery and the gRPC server.
 * {@link #close} is what SIGTERM does: cancel running builds (their clients are told), stop serving,
 * remove the socket, release the root.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  /** How to run: where state lives and where to listen. */
  public record Options(Path root, ListenAddress address, int maxParallelism, boolean autoStarted) {}

  private final RootLock lock;
  private final MetadataDb db;
  private final Snapshotter snapshotter;
  private final ExecutorService steps;
  private final ExecutorService builds;
  private final ControlService control;
  private final GrpcServer server;

  private Daemon(RootLock lock, MetadataDb db, Snapshotter snapshotter, ExecutorService steps,
      ExecutorService builds, ControlService control, GrpcServer server) {
    this.lock = lock;
    this.db = db;
    this.snapshotter = snapshotter;
    this.steps = steps;
    this.builds = builds;
    this.control = control;
    this.server = server;
  }

  public static Daemon start(Options o) throws IOException {
    Path root = o.root().toAbsolutePath();
    RootLock lock = RootLock.acquire(root);
    try {
      MetadataDb db = MetadataDb.open(root);
      ContentStore store = ContentStore.local(root.resolve("content"));
      Snapshotter snapshotter = new CopyingSnapshotter(root, db);
      TarDiffer differ = new TarDiffer();
      ImageStore images = new ImageStore(db);
      ContextStore contexts = new ContextStore(root);
      ExecutorService steps = Executors.newCachedThreadPool(named("step"));
      ExecutorService builds = Executors.newCachedThreadPool(named("build"));
      DockerfileFrontend frontend = new DockerfileFrontend(new NoRegistryImageMetaResolver());
      var parts = new DockerfileBuildRunner.Parts(
          frontend,
          new Solver(steps, o.maxParallelism()),
          new Steps(),
          snapshotter,
          store,
          new LayerChain(snapshotter, differ, store),
          new ImageAssembler(store, TarDiffer::isEmpty),
          new LayerCompressor(store, db),
          images);
      ControlService control = new ControlService(
          new ControlService.DaemonFacts(root, "copying", o.autoStarted()),
          new DockerfileBuildRunner(parts), contexts, images, new DiskUsage(root), builds, frontend);
      GrpcServer server = GrpcServer.start(o.address(), control);
      log.info("jbuildd listening on {}, state in {}", o.address(), root);
      return new Daemon(lock, db, snapshotter, steps, builds, control, server);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
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
    steps.shutdownNow();
    builds.shutdownNow();
    try {
      snapshotter.close();
      db.close();
      lock.close();
    } catch (IOException e) {
      log.warn("closing state: {}", e.getMessage());
    }
    log.info("jbuildd stopped");
  }
}

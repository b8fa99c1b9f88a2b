package dev.jbuild.daemon.solver;

import dev.jbuild.daemon.session.ClientSession;
import dev.jbuild.snapshots.Snapshotter;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.MountedTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one build's ops share: its id, storage, the client session and progress. It owns the
 * snapshots its steps create: {@link #close}, once the build has exported its results, hands them to the
 * daemon's cleanup executor, which removes them newest first while the client already has its result
 * (a tree of 20,000 files takes a second to delete); a crash before that leaves them to the next start,
 * which removes every snapshot that is not a base image's. The cache issue will keep them instead.
 */
public final class JobContext implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobContext.class);

  private final String buildId;
  private final Snapshotter snapshotter;
  private final Path mountScratch;
  private final ClientSession session;
  private final ProgressSink progress;
  private final AtomicInteger keys = new AtomicInteger();
  private final Deque<String> owned = new ArrayDeque<>(); // guarded by itself
  private final Executor cleanup;

  /** A job whose {@link #close} removes its snapshots before it returns. */
  public JobContext(String buildId, Snapshotter snapshotter, Path mountScratch, ClientSession session,
      ProgressSink progress) {
    this(buildId, snapshotter, mountScratch, session, progress, Runnable::run);
  }

  /** @param cleanup where {@link #close} removes the job's snapshots (the daemon's: one thread, in order) */
  public JobContext(String buildId, Snapshotter snapshotter, Path mountScratch, ClientSession session,
      ProgressSink progress, Executor cleanup) {
    this.cleanup = cleanup;
    this.buildId = buildId;
    this.snapshotter = snapshotter;
    this.mountScratch = mountScratch;
    this.session = session;
    this.progress = progress;
  }

  public String buildId() {
    return buildId;
  }

  public Snapshotter snapshotter() {
    return snapshotter;
  }

  /** Where ops mount snapshots for in-process file work ({@link MountedTree#of(List, Path)}). */
  public MountedTree mount(List<Mount> mounts) throws IOException {
    return MountedTree.of(mounts, mountScratch);
  }

  /**
   * A new empty directory for a step's scratch files (a writable copy of a bind mount's source), under the
   * daemon's mount scratch so that a crash's leftovers are cleaned at the next start. The caller removes it.
   */
  public Path newScratchDir(String purpose) throws IOException {
    return java.nio.file.Files.createDirectories(mountScratch.resolve(newKey(purpose)));
  }

  public ClientSession session() {
    return session;
  }

  public ProgressSink progress() {
    return progress;
  }

  /** A snapshot key or name unique to this build. */
  public String newKey(String purpose) {
    return buildId + "-" + keys.incrementAndGet() + "-" + purpose;
  }

  /** Hands a snapshot (active or committed) to this job, to be removed when it closes. */
  public void own(String snapshotKeyOrName) {
    synchronized (owned) {
      owned.push(snapshotKeyOrName);
    }
  }

  /** Takes back a snapshot handed over with {@link #own} (its key was committed or removed). */
  public void disown(String snapshotKeyOrName) {
    synchronized (owned) {
      owned.remove(snapshotKeyOrName);
    }
  }

  @Override
  public void close() {
    List<String> leftovers;
    synchronized (owned) {
      leftovers = new ArrayList<>(owned); // newest first
      owned.clear();
    }
    if (leftovers.isEmpty()) {
      return;
    }
    try {
      cleanup.execute(() -> remove(leftovers));
    } catch (RejectedExecutionException e) {
      remove(leftovers); // the daemon is stopping: remove them now
    }
  }

  private void remove(List<String> snapshots) {
    int removed = 0;
    for (String name : snapshots) {
      try {
        snapshotter.remove(name);
        removed++;
      } catch (IOException e) {
        log.warn("build {}: could not remove snapshot {}: {}", buildId, name, e.getMessage());
      }
    }
    log.info("build {}: {} snapshot(s) removed", buildId, removed);
  }
}

package dev.jbuild.daemon.session;

import dev.jbuild.content.Digest;
import dev.jbuild.fs.AtomicFiles;
import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.Fsync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contexts clients sent, kept under {@code <root>/contexts/<key>/<generation>}, where the key is a
 * digest of the client id and the client's directory: the cache issue will use the newest generation to
 * ask only for changed files.
 *
 * <p>Lifecycle: a transfer is written to {@code incoming-<n>} ({@link #incoming}), renamed to its
 * generation when complete ({@link #publish}), and released by the build that used it ({@link #release});
 * a directory stays while a build holds it, and older generations go once nobody does.
 *
 * <p>Crash safety: contexts are written without fsync (they are copies of the client's files, and
 * fsyncing 10,000 files would double a build's transfer time). Instead {@link #close} fsyncs what is kept
 * and writes a marker; opening a store without the marker (after a crash) discards every generation, so a
 * half-written context is never taken for a good one.
 */
public final class ContextStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ContextStore.class);
  private static final String CLEAN_MARKER = "clean-shutdown";

  private final Path root;
  private final Map<Path, Integer> users = new HashMap<>(); // guarded by this
  private long counter; // guarded by this

  public ContextStore(Path stateRoot) throws IOException {
    this.root = stateRoot.resolve("contexts");
    Files.createDirectories(root);
    Path marker = root.resolve(CLEAN_MARKER);
    boolean clean = Files.exists(marker);
    Files.deleteIfExists(marker);
    try (DirectoryStream<Path> keys = Files.newDirectoryStream(root)) {
      for (Path key : keys) {
        if (!clean) {
          delete(key);
        } else {
          counter = Math.max(counter, newestGeneration(key));
          pruneOlder(key);
        }
      }
    }
    if (!clean) {
      log.info("contexts: no clean shutdown recorded, previous contexts discarded");
    }
  }

  /** A new directory to receive a transfer into, held until released or published. */
  public synchronized Path incoming(String clientId, String clientDir) throws IOException {
    Path dir = keyDir(clientId, clientDir).resolve("incoming-" + (++counter));
    Files.createDirectories(dir);
    users.put(dir, 1);
    return dir;
  }

  /** Makes a received transfer the newest generation of its key; the caller keeps holding it. */
  public synchronized Path publish(Path incoming) throws IOException {
    Path gen = incoming.resolveSibling(Long.toString(++counter));
    Files.move(incoming, gen, StandardCopyOption.ATOMIC_MOVE);
    users.remove(incoming);
    users.merge(gen, 1, Integer::sum);
    return gen;
  }

  /** A build is done with a directory it got from {@link #incoming} or {@link #publish}. */
  public void release(Path dir) {
    synchronized (this) {
      Integer left = users.merge(dir, -1, Integer::sum);
      if (left != null && left <= 0) {
        users.remove(dir);
      }
    }
    pruneOlder(dir.getParent());
  }

  /** Keeps the newest generation of each key for the next start: fsynced, then marked clean. */
  @Override
  public synchronized void close() throws IOException {
    try (DirectoryStream<Path> keys = Files.newDirectoryStream(root)) {
      for (Path key : keys) {
        if (Files.isDirectory(key)) {
          Fsync.tree(key);
        }
      }
    }
    AtomicFiles.write(root.resolve(CLEAN_MARKER), new byte[0]);
  }

  private void pruneOlder(Path keyDir) {
    TreeSet<Long> gens = new TreeSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(keyDir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.matches("\\d+")) {
          gens.add(Long.parseLong(n));
        } else if (n.startsWith("incoming-") && !inUse(p)) {
          delete(p);
        }
      }
    } catch (IOException e) {
      log.warn("cannot list {}: {}", keyDir, e.getMessage());
      return;
    }
    if (gens.isEmpty()) {
      return;
    }
    for (long g : gens.headSet(gens.last())) {
      Path p = keyDir.resolve(Long.toString(g));
      if (!inUse(p)) {
        delete(p);
      }
    }
  }

  private static long newestGeneration(Path keyDir) throws IOException {
    long newest = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(keyDir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.matches("\\d+")) {
          newest = Math.max(newest, Long.parseLong(n));
        }
      }
    }
    return newest;
  }

  private synchronized boolean inUse(Path p) {
    return users.containsKey(p);
  }

  private Path keyDir(String clientId, String clientDir) {
    String key = Digest.of((clientId + "\0" + clientDir).getBytes(StandardCharsets.UTF_8)).hex().substring(0, 24);
    return root.resolve(key);
  }

  private static void delete(Path p) {
    try {
      FsOps.removeTree(p);
    } catch (IOException e) {
      log.warn("cannot remove {}: {}", p, e.getMessage());
    }
  }
}

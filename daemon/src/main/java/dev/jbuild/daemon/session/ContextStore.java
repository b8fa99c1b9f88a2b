package dev.jbuild.daemon.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contexts clients sent, kept under {@code <root>/contexts/<key>/<generation>}, where the key is a
 * digest of the client id and the client's directory: the cache issue will use the newest generation to
 * ask only for changed files. A transfer is written to {@code incoming-<n>} and renamed to its generation
 * when complete, so a crash leaves only {@code incoming-*} directories, which opening the store removes.
 * A generation stays while a build uses it; older ones are removed when their last user is done.
 */
public final class ContextStore {
  private static final Logger log = LoggerFactory.getLogger(ContextStore.class);

  private final Path root;
  private final AtomicLong counter = new AtomicLong(System.currentTimeMillis());
  private final Map<Path, Integer> users = new HashMap<>(); // guarded by this

  public ContextStore(Path stateRoot) throws IOException {
    this.root = stateRoot.resolve("contexts");
    Files.createDirectories(root);
    removeLeftovers();
  }

  /** A directory to receive a new transfer into; complete it with {@link #publish}. */
  public synchronized Path incoming(String clientId, String clientDir) throws IOException {
    Path dir = keyDir(clientId, clientDir).resolve("incoming-" + counter.incrementAndGet());
    Files.createDirectories(dir);
    return dir;
  }

  /** Makes a received transfer the newest generation of its key and marks it in use until released. */
  public synchronized Path publish(Path incoming) throws IOException {
    Path gen = incoming.resolveSibling(Long.toString(counter.incrementAndGet()));
    Files.move(incoming, gen, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    users.merge(gen, 1, Integer::sum);
    return gen;
  }

  /** A build is done with a generation (or an incoming directory it gave up on). */
  public void release(Path dir) {
    synchronized (this) {
      if (users.merge(dir, -1, Integer::sum) <= 0) {
        users.remove(dir);
      }
    }
    pruneOlder(dir.getParent());
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
    long newest = gens.last();
    for (long g : gens.headSet(newest)) {
      Path p = keyDir.resolve(Long.toString(g));
      if (!inUse(p)) {
        delete(p);
      }
    }
  }

  private synchronized boolean inUse(Path p) {
    return users.containsKey(p);
  }

  private Path keyDir(String clientId, String clientDir) {
    String key = dev.jbuild.content.Digest.of((clientId + "\0" + clientDir).getBytes(StandardCharsets.UTF_8))
        .hex().substring(0, 24);
    return root.resolve(key);
  }

  private void removeLeftovers() throws IOException {
    try (DirectoryStream<Path> keys = Files.newDirectoryStream(root)) {
      for (Path k : keys) {
        pruneOlder(k);
      }
    }
  }

  private static void delete(Path p) {
    try {
      dev.jbuild.fs.FsOps.removeTree(p);
    } catch (IOException e) {
      log.warn("cannot remove {}: {}", p, e.getMessage());
    }
  }
}

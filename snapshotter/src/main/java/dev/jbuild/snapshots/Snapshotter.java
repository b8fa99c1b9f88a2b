package dev.jbuild.snapshots;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Filesystem trees stacked on parents (containerd's snapshotter model).
 *
 * <p>Identifiers: an <em>active</em> snapshot is named by a <em>key</em> the caller chooses; it is writable
 * (prepare) or read-only (view) and can be mounted. A <em>committed</em> snapshot is named by a
 * <em>name</em>; it is immutable and can be a parent. Keys and names share one namespace.
 *
 * <p>Legal transitions:
 *
 * <pre>
 *   prepare(key, parent)  -> active, writable, holding parent's files (parent "" = empty tree)
 *   view(key, parent)     -> active, read-only, holding parent's files
 *   commit(name, key)     -> key (a prepared snapshot) becomes committed under name; key is gone
 *   remove(keyOrName)     -> gone; a committed snapshot that is some snapshot's parent cannot be removed
 * </pre>
 *
 * Every call on an unknown key or name, a duplicate key, or a commit of a view fails with an IOException
 * that names it. Errors leave the state as it was.
 *
 * <p>Example, running a step: {@code mounts = prepare("step-1", "base")}; run the process on the mounts;
 * then {@code commit("layer-1", "step-1")} on success, or {@code remove("step-1")} on failure. Importing a
 * layer: {@code prepare("extract-x", parent)}, apply the layer to the mounts, {@code commit("x", "extract-x")}.
 *
 * <p>Implementations are thread-safe; calls on different keys may run concurrently.
 */
public interface Snapshotter extends Closeable {

  enum Kind { ACTIVE, VIEW, COMMITTED }

  record Info(String name, Kind kind, String parent, long createdMillis) {}

  record Usage(long size, long inodes) {}

  List<Mount> prepare(String key, String parent) throws IOException;

  List<Mount> view(String key, String parent) throws IOException;

  /** The mounts of an active snapshot (again). */
  List<Mount> mounts(String key) throws IOException;

  void commit(String name, String key) throws IOException;

  void remove(String keyOrName) throws IOException;

  Optional<Info> stat(String keyOrName) throws IOException;

  /** Disk used by the snapshot's own layer (not its parents); measured once at commit for committed ones. */
  Usage usage(String keyOrName) throws IOException;

  void walk(Consumer<Info> visitor) throws IOException;

  /**
   * When the snapshot was last used, for GC: mounted through {@link #mounts}, or made the parent of a new
   * snapshot; its creation time if never used since.
   */
  long lastUsedMillis(String keyOrName) throws IOException;

  /** Replaces the snapshot's labels (free-form key/value pairs kept with its record). */
  void setLabels(String keyOrName, java.util.Map<String, String> labels) throws IOException;

  java.util.SortedMap<String, String> labels(String keyOrName) throws IOException;
}

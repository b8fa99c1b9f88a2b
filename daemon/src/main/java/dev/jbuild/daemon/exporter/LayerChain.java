package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.diff.Differ;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.Snapshotter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The layers of a result: one per committed snapshot from the base to the result, each the diff between
 * a snapshot and its parent, made when an exporter asks for them (never for intermediate stages that are
 * only copied from).
 */
public final class LayerChain {
  private final Snapshotter snapshotter;
  private final Differ differ;
  private final ContentStore store;

  public LayerChain(Snapshotter snapshotter, Differ differ, ContentStore store) {
    this.snapshotter = snapshotter;
    this.differ = differ;
    this.store = store;
  }

  /** Uncompressed layer blobs, bottom first; empty diffs included (the assembler drops them). */
  public List<Descriptor> layers(Ref result, JobContext job) throws IOException {
    List<String> chain = new ArrayList<>();
    String name = result.snapshot().orElse("");
    while (!name.isEmpty()) {
      chain.add(name);
      String current = name;
      name = snapshotter.stat(current)
          .orElseThrow(() -> new IOException("snapshot " + current + " is gone")).parent();
      name = name == null ? "" : name;
    }
    Collections.reverse(chain);
    List<Descriptor> layers = new ArrayList<>();
    String parent = "";
    for (String snapshot : chain) {
      layers.add(diff(parent, snapshot, job));
      parent = snapshot;
    }
    return layers;
  }

  private Descriptor diff(String parent, String snapshot, JobContext job) throws IOException {
    List<String> views = new ArrayList<>();
    try {
      List<Mount> lower = List.of();
      if (!parent.isEmpty()) {
        String key = job.newKey("diff-lower");
        lower = snapshotter.view(key, parent);
        views.add(key);
      }
      String key = job.newKey("diff-upper");
      List<Mount> upper = snapshotter.view(key, snapshot);
      views.add(key);
      return differ.diff(lower, upper, store);
    } finally {
      for (String v : views) {
        try {
          snapshotter.remove(v);
        } catch (IOException e) {
          job.own(v); // the job's cleanup tries again; the diff's own error, if any, is what counts
        }
      }
    }
  }
}

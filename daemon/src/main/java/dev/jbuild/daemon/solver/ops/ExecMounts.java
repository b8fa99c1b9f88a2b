package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.InRoot;
import dev.jbuild.fs.Overrides;
import dev.jbuild.proto.ops.ExecMount;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.snapshots.MountedTree;
import dev.jbuild.worker.Executor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A RUN's mounts other than its root, made ready for the executor and released on close (BuildKit's
 * mount manager, for bind and tmpfs). A bind's source is its input's tree, shown in-process, narrowed to the
 * selector (resolved inside that tree); a writable bind gets a scratch copy, so the process may write but
 * nothing persists (as BuildKit's {@code rw} bind). Cache, secret and ssh mounts come with the cache issue.
 */
final class ExecMounts implements AutoCloseable {
  private final List<Executor.MountSpec> specs = new ArrayList<>();
  private final Deque<MountedTree> trees = new ArrayDeque<>();
  private final Deque<Path> scratch = new ArrayDeque<>();

  private ExecMounts() {}

  static ExecMounts open(JobContext job, List<ExecMount> mounts, List<Ref> inputs) throws Exception {
    ExecMounts opened = new ExecMounts();
    try {
      for (ExecMount m : mounts) {
        if (!m.getDest().equals("/")) {
          opened.add(job, m, inputs);
        }
      }
      return opened;
    } catch (Exception e) {
      opened.close();
      throw e;
    }
  }

  private void add(JobContext job, ExecMount m, List<Ref> inputs) throws Exception {
    switch (m.getKind()) {
      case MOUNT_BIND -> specs.add(bind(job, m, input(inputs, m.getInput())));
      case MOUNT_TMPFS -> specs.add(Executor.MountSpec.tmpfs(m.getDest(), 0));
      default -> throw new StepException("RUN --mount=type="
          + m.getKind().name().substring("MOUNT_".length()).toLowerCase(Locale.ROOT) + " is not supported yet");
    }
  }

  private Executor.MountSpec bind(JobContext job, ExecMount m, Ref from) throws Exception {
    Path tree;
    if (from.mounts().isEmpty()) {
      tree = scratchDir(job, "empty"); // a scratch stage: an empty tree
    } else {
      MountedTree mounted = job.mount(from.mounts());
      trees.push(mounted);
      tree = mounted.root();
    }
    String selector = m.getSelector().isEmpty() ? "/" : m.getSelector();
    Path source = InRoot.resolve(tree, selector, true);
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new StepException("RUN --mount: source " + selector + " not found (mounting at " + m.getDest() + ")");
    }
    if (m.getReadonly()) {
      return new Executor.MountSpec(m.getDest(), Mount.bind(source.toString(), true), true);
    }
    Path copy = scratchDir(job, "rw-bind").resolve("tree");
    FsOps.copyTree(source, copy, Overrides.NONE);
    return new Executor.MountSpec(m.getDest(), Mount.bind(copy.toString(), false), false);
  }

  private Path scratchDir(JobContext job, String purpose) throws IOException {
    Path dir = job.newScratchDir(purpose);
    scratch.push(dir);
    return dir;
  }

  static Ref input(List<Ref> inputs, int index) throws StepException {
    if (index < 0 || index >= inputs.size()) {
      throw new StepException("RUN mount names input " + index + " of " + inputs.size());
    }
    return inputs.get(index);
  }

  /** What the executor mounts, in the op's order. */
  List<Executor.MountSpec> specs() {
    return List.copyOf(specs);
  }

  /** Releases in-process mounts and removes scratch copies; the first failure is thrown after trying all. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    while (!trees.isEmpty()) {
      try {
        trees.pop().close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    while (!scratch.isEmpty()) {
      try {
        FsOps.removeTree(scratch.pop());
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

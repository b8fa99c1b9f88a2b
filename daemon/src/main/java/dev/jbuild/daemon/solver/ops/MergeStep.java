package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Op;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.fs.FsOps;
import dev.jbuild.proto.ops.MergeOp;
import dev.jbuild.snapshots.MountedTree;
import java.util.List;

/**
 * A MergeOp (COPY --link): a snapshot prepared on the first input's tree, with every further input's tree laid
 * over it as an image layer would be ({@link FsOps#mergeTree}), committed. The linked tree was built on an empty
 * tree, so nothing in it depends on what it lands on: a symlink of the base where the linked tree has a
 * directory is replaced, not followed (BuildKit's caveat for --link).
 */
final class MergeStep implements Op {
  private final MergeOp op;

  MergeStep(MergeOp op) {
    this.op = op;
  }

  @Override
  public Ref exec(JobContext job, List<Ref> inputs) throws Exception {
    if (op.getInputsCount() == 0) {
      return Ref.EMPTY;
    }
    Ref base = input(inputs, op.getInputs(0));
    if (base != Ref.EMPTY && base.snapshot().isEmpty()) {
      throw new StepException("the base of a merge must be an image's tree, not " + base);
    }
    NewSnapshot out = NewSnapshot.prepare(job, "merge", base.snapshot().orElse(""));
    try (MountedTree target = job.mount(out.mounts())) {
      for (int i = 1; i < op.getInputsCount(); i++) {
        Ref layer = input(inputs, op.getInputs(i));
        if (layer == Ref.EMPTY) {
          continue;
        }
        try (MountedTree from = job.mount(layer.mounts())) {
          FsOps.mergeTree(from.root(), target.root());
        }
      }
    }
    return out.commit();
  }

  private static Ref input(List<Ref> inputs, int index) throws StepException {
    if (index == -1) {
      return Ref.EMPTY;
    }
    if (index < 0 || index >= inputs.size()) {
      throw new StepException("merge names input " + index + " of " + inputs.size());
    }
    return inputs.get(index);
  }
}

package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Op;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.diff.ArchiveUnpacker;
import dev.jbuild.proto.ops.FileAction;
import dev.jbuild.proto.ops.FileOp;
import dev.jbuild.snapshots.MountedTree;
import java.util.List;

/**
 * A FileOp (COPY, ADD, WORKDIR's mkdir, ...): prepares a snapshot on the base tree, applies the actions in
 * order, and commits it. On any failure the prepared snapshot is removed, so nothing half-made is left.
 */
final class FileStep implements Op {
  private final FileOp op;
  private final ArchiveUnpacker unpacker;

  FileStep(FileOp op, ArchiveUnpacker unpacker) {
    this.op = op;
    this.unpacker = unpacker;
  }

  @Override
  public Ref exec(JobContext job, List<Ref> inputs) throws Exception {
    Ref base = op.getBaseInput() < 0 ? Ref.EMPTY : input(inputs, op.getBaseInput());
    if (op.getActionsCount() == 0) {
      return base; // a stage that changes no files (FROM scratch and config only) is its base tree
    }
    if (base != Ref.EMPTY && base.snapshot().isEmpty()) {
      throw new StepException("the base of a file step must be an image's tree, not " + base);
    }
    NewSnapshot out = NewSnapshot.prepare(job, "file", base.snapshot().orElse(""));
    try (MountedTree target = job.mount(out.mounts())) {
      for (FileAction action : op.getActionsList()) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        apply(job, action, target, inputs);
      }
    }
    return out.commit();
  }

  private void apply(JobContext job, FileAction action, MountedTree target, List<Ref> inputs)
      throws Exception {
    switch (action.getActionCase()) {
      case COPY -> {
        Ref src = input(inputs, action.getCopy().getSrcInput());
        try (MountedTree from = src.mounts().isEmpty() ? null : job.mount(src.mounts())) {
          new CopyAction(action.getCopy(), src instanceof DirectoryRef, unpacker)
              .apply(from == null ? null : from.root(), target.root());
        }
      }
      case MKDIR -> new MkdirAction(action.getMkdir()).apply(target.root());
      case MKFILE -> new MkfileAction(action.getMkfile()).apply(target.root());
      case RM -> new RemoveAction(action.getRm()).apply(target.root());
      default -> throw new StepException("empty file action");
    }
  }

  private static Ref input(List<Ref> inputs, int index) throws StepException {
    if (index < 0 || index >= inputs.size()) {
      throw new StepException("file action names input " + index + " of " + inputs.size());
    }
    return inputs.get(index);
  }
}

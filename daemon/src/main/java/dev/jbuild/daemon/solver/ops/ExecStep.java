package dev.jbuild.daemon.solver.ops;

import dev.jbuild.daemon.graph.StepGraph.Vertex;
import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.Op;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.proto.ops.ExecMeta;
import dev.jbuild.proto.ops.ExecMount;
import dev.jbuild.proto.ops.ExecOp;
import dev.jbuild.proto.ops.NetworkMode;
import dev.jbuild.worker.Executor;
import dev.jbuild.worker.ProcessStartException;
import java.util.List;

/**
 * RUN: the process runs in a container whose root is a new active snapshot on the stage's tree, with the
 * op's other mounts; its changes to the root are committed as the step's result. Output streams to the
 * build's progress as it comes. A non-zero exit fails the step with the exit code and the last lines of
 * output; on failure or cancel the active snapshot is removed with the job's other leftovers.
 */
final class ExecStep implements Op {
  private final Vertex vertex;
  private final ExecOp op;
  private final Executor executor;

  ExecStep(Vertex vertex, ExecOp op, Executor executor) {
    this.vertex = vertex;
    this.op = op;
    this.executor = executor;
  }

  @Override
  public Ref exec(JobContext job, List<Ref> inputs) throws Exception {
    ExecMount rootMount = rootMount();
    Ref base = rootMount.getInput() < 0 ? Ref.EMPTY : ExecMounts.input(inputs, rootMount.getInput());
    if (base != Ref.EMPTY && base.snapshot().isEmpty()) {
      throw new StepException("RUN needs an image's tree as its root, not " + base);
    }
    NewSnapshot root = NewSnapshot.prepare(job, "exec", base.snapshot().orElse(""));
    OutputTail tail = new OutputTail();
    int exit;
    try (ExecMounts mounts = ExecMounts.open(job, op.getMountsList(), inputs)) {
      exit = executor.run(process(op.getMeta()), root.mounts(), mounts.specs(), (stream, data) -> {
        tail.write(data);
        job.progress().log(vertex, stream, data);
      });
    } catch (ProcessStartException e) {
      throw new StepException(e.getMessage(), e); // no such user, executable or working directory
    }
    if (exit != 0) {
      throw new StepException("process " + quote(String.join(" ", op.getMeta().getArgsList()))
          + " did not complete successfully: exit code: " + exit + tail.describe());
    }
    return root.commit();
  }

  private ExecMount rootMount() throws StepException {
    for (ExecMount m : op.getMountsList()) {
      if (m.getDest().equals("/")) {
        return m;
      }
    }
    throw new StepException("RUN has no root mount");
  }

  private Executor.ProcessSpec process(ExecMeta meta) {
    return new Executor.ProcessSpec(meta.getArgsList(), meta.getEnvList(), meta.getCwd(), meta.getUser(),
        meta.getHostname(), op.getNetwork() == NetworkMode.NETWORK_NONE ? Executor.NetworkMode.NONE
            : Executor.NetworkMode.HOST);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

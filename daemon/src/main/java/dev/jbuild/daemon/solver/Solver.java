package dev.jbuild.daemon.solver;

import dev.jbuild.daemon.graph.StepGraph;
import dev.jbuild.daemon.graph.StepGraph.Vertex;
import dev.jbuild.proto.ops.SourceLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs a step graph: every vertex starts as soon as all its inputs are done, so independent steps (and
 * whole stages) run at the same time, at most {@code maxParallelism} at once. The first failure cancels
 * the steps still running (their threads are interrupted) and fails the solve with that step's error.
 *
 * <p>The solver knows nothing of what ops do: it asks an {@link OpResolver} for each vertex.
 */
public final class Solver {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Solver.class);
  private static final long STOP_WAIT_NANOS = 30_000_000_000L;

  private final ExecutorService pool;
  private final Semaphore slots;

  /** @param pool unbounded (a cached pool): the solver bounds concurrency itself */
  public Solver(ExecutorService pool, int maxParallelism) {
    this.pool = pool;
    this.slots = new Semaphore(maxParallelism, true);
  }

  /** Solves {@code graph} and returns its output's result. */
  public Ref solve(StepGraph graph, OpResolver ops, JobContext job) throws SolveException, InterruptedException {
    return new Run(graph, ops, job).await();
  }

  /** One solve: which vertices wait for how many inputs, what is running, the first failure. */
  private final class Run {
    private final StepGraph graph;
    private final OpResolver ops;
    private final JobContext job;
    private final Map<String, List<Vertex>> users = new HashMap<>();
    private final Map<String, Integer> waiting = new HashMap<>(); // guarded by this
    private final Map<String, Ref> results = new HashMap<>(); // guarded by this
    private final Map<String, Future<?>> running = new HashMap<>(); // guarded by this
    private SolveException failure; // guarded by this
    private int active; // steps between start and end of runVertex; guarded by this

    Run(StepGraph graph, OpResolver ops, JobContext job) {
      this.graph = graph;
      this.ops = ops;
      this.job = job;
      for (Vertex v : graph.vertices()) {
        waiting.put(v.digest(), (int) v.inputs().stream().distinct().count());
        for (String in : v.inputs().stream().distinct().toList()) {
          users.computeIfAbsent(in, k -> new ArrayList<>()).add(v);
        }
      }
    }

    synchronized Ref await() throws SolveException, InterruptedException {
      for (Vertex v : graph.vertices()) {
        if (waiting.get(v.digest()) == 0) {
          submit(v);
        }
      }
      String out = graph.output().digest();
      try {
        while (failure == null && !results.containsKey(out)) {
          wait();
        }
      } catch (InterruptedException e) {
        fail(null, new SolveException(graph.output(), "cancelled", e));
        awaitStepsStopped();
        throw e;
      }
      if (failure != null) {
        awaitStepsStopped();
        throw failure;
      }
      return results.get(out);
    }

    /**
     * After a failure: returns once no step is running any more, so the caller can clean up what the
     * steps made. Cancelled steps stop quickly; this wait is not interruptible, but bounded.
     */
    private void awaitStepsStopped() {
      long deadline = System.nanoTime() + STOP_WAIT_NANOS;
      boolean interrupted = Thread.interrupted();
      while (active > 0 && System.nanoTime() < deadline) {
        try {
          wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (active > 0) {
        log.warn("{} cancelled step(s) still running after {} s", active, STOP_WAIT_NANOS / 1_000_000_000L);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    // caller holds the lock
    private void submit(Vertex v) {
      running.put(v.digest(), pool.submit(() -> runVertex(v)));
    }

    private void runVertex(Vertex v) {
      List<Ref> inputs = new ArrayList<>();
      synchronized (this) {
        if (failure != null) {
          running.remove(v.digest());
          return;
        }
        active++;
        for (String in : v.inputs()) {
          inputs.add(results.get(in));
        }
      }
      Instant started = null;
      try {
        Op op = ops.resolve(v);
        boolean slot = op.usesMachine();
        if (slot) {
          slots.acquire();
        }
        try {
          started = Instant.now();
          job.progress().started(v, started, v.inputs());
          Ref result = op.exec(job, inputs);
          job.progress().completed(v, started, Instant.now());
          done(v, result);
        } finally {
          if (slot) {
            slots.release();
          }
        }
      } catch (Exception e) {
        boolean cancelled = e instanceof InterruptedException || Thread.currentThread().isInterrupted()
            || failed();
        String message = cancelled ? "cancelled" : userMessage(e);
        Instant at = Instant.now();
        if (started != null || !cancelled) {
          job.progress().failed(v, started == null ? at : started, at, message);
        }
        fail(v, new SolveException(v, cancelled ? "cancelled" : located(v, message), e));
      } finally {
        synchronized (this) {
          active--;
          notifyAll();
        }
      }
    }

    private synchronized boolean failed() {
      return failure != null;
    }

    private synchronized void done(Vertex v, Ref result) {
      running.remove(v.digest());
      results.put(v.digest(), result);
      if (failure == null) {
        for (Vertex user : users.getOrDefault(v.digest(), List.of())) {
          if (waiting.merge(user.digest(), -1, Integer::sum) == 0) {
            submit(user);
          }
        }
      }
      notifyAll();
    }

    private synchronized void fail(Vertex v, SolveException e) {
      if (v != null) {
        running.remove(v.digest());
      }
      if (failure == null) {
        failure = e;
        cancelRunning();
      }
      notifyAll();
    }

    // caller holds the lock
    private void cancelRunning() {
      for (Future<?> f : running.values()) {
        f.cancel(true);
      }
    }
  }

  /** A StepException speaks to the user already; anything else is named by its type, and logged whole. */
  private static String userMessage(Exception e) {
    if (e instanceof StepException) {
      return e.getMessage();
    }
    log.warn("step failed unexpectedly", e);
    return e.toString();
  }

  /** "Dockerfile:7: message" when the vertex knows where it came from. */
  static String located(Vertex v, String message) {
    SourceLocation loc = v.meta().getLocation();
    if (loc.getFile().isEmpty() || loc.getStartLine() == 0) {
      return v.name() + ": " + message;
    }
    return loc.getFile() + ":" + loc.getStartLine() + ": " + v.name().replaceFirst("^\\[[^]]*] ", "")
        + ": " + message;
  }
}

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
        cancelRunning();
        throw e;
      }
      if (failure != null) {
        throw failure;
      }
      return results.get(out);
    }

    // caller holds the lock
    private void submit(Vertex v) {
      running.put(v.digest(), pool.submit(() -> runVertex(v)));
    }

    private void runVertex(Vertex v) {
      Instant started = null;
      try {
        Op op = ops.resolve(v);
        List<Ref> inputs = new ArrayList<>();
        synchronized (this) {
          for (String in : v.inputs()) {
            inputs.add(results.get(in));
          }
        }
        slots.acquire();
        try {
          started = Instant.now();
          job.progress().started(v, started, v.inputs());
          Ref result = op.exec(job, inputs);
          job.progress().completed(v, started, Instant.now());
          done(v, result);
        } finally {
          slots.release();
        }
      } catch (InterruptedException e) {
        if (started != null) {
          job.progress().failed(v, started, Instant.now(), "cancelled");
        }
        fail(v, new SolveException(v, "cancelled", e));
      } catch (Exception e) {
        String message = userMessage(e);
        Instant at = Instant.now();
        job.progress().failed(v, started == null ? at : started, at, message);
        fail(v, new SolveException(v, located(v, message), e));
      }
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
      running.remove(v.digest());
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

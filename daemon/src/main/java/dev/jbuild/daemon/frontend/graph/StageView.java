package dev.jbuild.daemon.frontend.graph;

import dev.jbuild.daemon.graph.StepGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step graph seen by Dockerfile stage: which steps each stage has, which inputs several stages share (the
 * build context, a base image loaded once for all), which stages need which, the longest chain of dependent
 * steps and the groups of stages that can run side by side (no path between any two). Immutable.
 */
public final class StageView {
  /** One stage and its steps in graph order; {@code needs} are the stages it reads directly. */
  public record Stage(String label, List<StepGraph.Vertex> steps, List<String> needs) {
    public Stage {
      steps = List.copyOf(steps);
      needs = List.copyOf(needs);
    }
  }

  private final List<StepGraph.Vertex> vertices;
  private final List<Stage> stages;
  private final List<StepGraph.Vertex> shared;
  private final List<StepGraph.Vertex> longestChain;
  private final List<List<String>> sideBySide;

  public StageView(StepGraph graph) {
    vertices = graph.vertices();
    Map<String, String> stageOf = stageOfEachVertex();
    Map<String, List<StepGraph.Vertex>> steps = new LinkedHashMap<>();
    List<StepGraph.Vertex> sharedSteps = new ArrayList<>();
    for (StepGraph.Vertex v : vertices) {
      String s = stageOf.get(v.digest());
      if (s == null) {
        sharedSteps.add(v);
      } else {
        steps.computeIfAbsent(s, k -> new ArrayList<>()).add(v);
      }
    }
    Map<String, Set<String>> direct = new LinkedHashMap<>();
    steps.keySet().forEach(s -> direct.put(s, new LinkedHashSet<>()));
    for (StepGraph.Vertex v : vertices) {
      String user = stageOf.get(v.digest());
      for (String in : v.inputs()) {
        String from = stageOf.get(in);
        if (user != null && from != null && !from.equals(user)) {
          direct.get(user).add(from);
        }
      }
    }
    List<Stage> out = new ArrayList<>();
    steps.forEach((s, list) -> out.add(new Stage(label(s), list, direct.get(s).stream().map(StageView::label)
        .toList())));
    // in Dockerfile order: by the first line any of a stage's steps comes from
    out.sort(java.util.Comparator.comparingInt(st -> st.steps().stream()
        .mapToInt(v -> v.meta().getLocation().getStartLine()).filter(l -> l > 0).min().orElse(Integer.MAX_VALUE)));
    stages = List.copyOf(out);
    shared = List.copyOf(sharedSteps);
    longestChain = List.copyOf(longestChain(graph));
    sideBySide = List.copyOf(independentGroups(direct));
  }

  public List<Stage> stages() {
    return stages;
  }

  /** Steps of no one stage: the build context, and sources (base images) several stages use. */
  public List<StepGraph.Vertex> shared() {
    return shared;
  }

  /** The longest path of steps that each wait for the one before, first to last. */
  public List<StepGraph.Vertex> longestChain() {
    return longestChain;
  }

  /** Maximal groups (two or more) of stages with no path between any two of them, by stage label. */
  public List<List<String>> sideBySide() {
    return sideBySide;
  }

  /** True when every step waits for the one before it: nothing at all can run in parallel. */
  public boolean strictlyChained() {
    return longestChain.size() == vertices.size();
  }

  /** The stage a vertex is drawn in, or none (null) for shared ones. */
  private Map<String, String> stageOfEachVertex() {
    Map<String, Set<String>> userStages = new HashMap<>();
    for (StepGraph.Vertex v : vertices) {
      for (String in : v.inputs()) {
        userStages.computeIfAbsent(in, k -> new HashSet<>()).add(v.meta().getStage());
      }
    }
    Map<String, String> out = new HashMap<>();
    for (StepGraph.Vertex v : vertices) {
      String stage = v.meta().getStage();
      boolean sharedSource = v.op().hasSource() && userStages.getOrDefault(v.digest(), Set.of()).size() > 1;
      if (!stage.isEmpty() && !sharedSource) {
        out.put(v.digest(), stage);
      }
    }
    return out;
  }

  /** An unnamed stage is known by its index; show it as BuildKit names it in progress, "stage-N". */
  static String label(String metaStage) {
    return metaStage.matches("[0-9]+") ? "stage-" + metaStage : metaStage;
  }

  private List<StepGraph.Vertex> longestChain(StepGraph graph) {
    Map<String, Integer> length = new HashMap<>();
    Map<String, String> previous = new HashMap<>();
    StepGraph.Vertex end = null;
    for (StepGraph.Vertex v : vertices) {
      int best = 0;
      for (String in : v.inputs()) {
        if (length.get(in) > best) {
          best = length.get(in);
          previous.put(v.digest(), in);
        }
      }
      length.put(v.digest(), best + 1);
      if (end == null || best + 1 > length.get(end.digest())) {
        end = v;
      }
    }
    List<StepGraph.Vertex> chain = new ArrayList<>();
    for (String d = end.digest(); d != null; d = previous.get(d)) {
      chain.add(0, graph.vertex(d));
    }
    return chain;
  }

  /** Bron-Kerbosch over "no path either way" between stages, keeping groups of two or more. */
  private static List<List<String>> independentGroups(Map<String, Set<String>> direct) {
    List<String> names = new ArrayList<>(direct.keySet());
    Map<String, Set<String>> reach = new HashMap<>();
    for (String s : names) {
      Set<String> seen = new HashSet<>();
      List<String> todo = new ArrayList<>(direct.get(s));
      while (!todo.isEmpty()) {
        String n = todo.remove(todo.size() - 1);
        if (seen.add(n)) {
          todo.addAll(direct.get(n));
        }
      }
      reach.put(s, seen);
    }
    Map<String, Set<String>> independent = new HashMap<>();
    for (String a : names) {
      Set<String> set = new LinkedHashSet<>();
      for (String b : names) {
        if (!a.equals(b) && !reach.get(a).contains(b) && !reach.get(b).contains(a)) {
          set.add(b);
        }
      }
      independent.put(a, set);
    }
    List<List<String>> groups = new ArrayList<>();
    cliques(new ArrayList<>(), new ArrayList<>(names), new ArrayList<>(), independent, groups);
    groups.removeIf(g -> g.size() < 2);
    List<List<String>> labelled = new ArrayList<>();
    for (List<String> g : groups) {
      g.sort(java.util.Comparator.comparingInt(names::indexOf));
      labelled.add(g.stream().map(StageView::label).toList());
    }
    labelled.sort(java.util.Comparator.comparingInt((List<String> g) -> -g.size()));
    return labelled;
  }

  private static void cliques(List<String> r, List<String> p, List<String> x, Map<String, Set<String>> adj,
      List<List<String>> out) {
    if (p.isEmpty() && x.isEmpty()) {
      out.add(new ArrayList<>(r));
      return;
    }
    for (String v : new ArrayList<>(p)) {
      List<String> r2 = new ArrayList<>(r);
      r2.add(v);
      cliques(r2, p.stream().filter(adj.get(v)::contains).toList(), x.stream().filter(adj.get(v)::contains)
          .toList(), adj, out);
      p = new ArrayList<>(p);
      p.remove(v);
      x = new ArrayList<>(x);
      x.add(v);
    }
  }
}

package dev.jbuild.daemon.frontend.graph;

import dev.jbuild.daemon.graph.StepGraph;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code jbuild graph --format dot}: Graphviz source with one cluster per stage, every step labelled with
 * its progress name, shared inputs outside the clusters, and an edge from each input to its user.
 */
public final class GraphDot {
  private GraphDot() {}

  public static String render(StageView view, StepGraph graph) {
    Map<String, String> ids = new HashMap<>();
    for (StepGraph.Vertex v : graph.vertices()) {
      ids.put(v.digest(), "v" + ids.size());
    }
    StringBuilder b = new StringBuilder("digraph steps {\n  node [shape=box];\n");
    for (StepGraph.Vertex v : view.shared()) {
      b.append("  ").append(node(ids, v)).append('\n');
    }
    int cluster = 0;
    for (StageView.Stage s : view.stages()) {
      b.append("  subgraph cluster_").append(cluster++).append(" {\n    label=").append(quote(s.label()))
          .append(";\n");
      s.steps().forEach(v -> b.append("    ").append(node(ids, v)).append('\n'));
      b.append("  }\n");
    }
    for (StepGraph.Vertex v : graph.vertices()) {
      for (String in : v.inputs()) {
        b.append("  ").append(ids.get(in)).append(" -> ").append(ids.get(v.digest())).append(";\n");
      }
    }
    return b.append("}\n").toString();
  }

  private static String node(Map<String, String> ids, StepGraph.Vertex v) {
    return ids.get(v.digest()) + " [label=" + quote(v.name()) + "];";
  }

  /** A DOT quoted string: backslashes and double quotes escaped, newlines as \n. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}

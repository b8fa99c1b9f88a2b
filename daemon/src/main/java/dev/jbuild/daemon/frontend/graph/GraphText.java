package dev.jbuild.daemon.frontend.graph;

import dev.jbuild.daemon.graph.StepGraph;
import java.util.List;

/**
 * {@code jbuild graph --format text}: the stages and their steps, the inputs they share, the longest chain
 * of dependent steps, and which stages can run side by side.
 */
public final class GraphText {
  private GraphText() {}

  public static String render(StageView view) {
    StringBuilder b = new StringBuilder();
    b.append("Stages (").append(view.stages().size()).append("):\n");
    for (StageView.Stage s : view.stages()) {
      b.append("  ").append(s.label()).append(" (").append(count(s.steps().size(), "step"));
      if (!s.needs().isEmpty()) {
        b.append(", needs ").append(String.join(", ", s.needs()));
      }
      b.append(")\n");
      s.steps().forEach(v -> b.append("    ").append(v.name()).append('\n'));
    }
    if (!view.shared().isEmpty()) {
      b.append("Shared inputs:\n");
      view.shared().forEach(v -> b.append("  ").append(v.name()).append('\n'));
    }
    List<StepGraph.Vertex> chain = view.longestChain();
    b.append("Longest chain of dependent steps: ").append(chain.size()).append('\n');
    for (int i = 0; i < chain.size(); i++) {
      b.append(i == 0 ? "     " : "  -> ").append(chain.get(i).name()).append('\n');
    }
    if (view.strictlyChained()) {
      b.append("Nothing can run in parallel: every step waits for the one before it.\n");
    } else if (view.sideBySide().isEmpty()) {
      b.append("No stages can run side by side: each one needs another.\n");
    } else {
      b.append("Stages that can run side by side:\n");
      view.sideBySide().forEach(g -> b.append("  ").append(String.join(", ", g)).append('\n'));
    }
    return b.toString();
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}

package dev.jbuild.daemon.frontend.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.daemon.frontend.ConvertRequest;
import dev.jbuild.daemon.frontend.ConvertResult;
import dev.jbuild.daemon.frontend.DockerfileFrontend;
import dev.jbuild.daemon.frontend.NoRegistryImageMetaResolver;
import dev.jbuild.daemon.graph.StepGraph;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The graph summaries of the benchmark Dockerfiles and the DOT shape, as `jbuild graph` prints them. */
class GraphSummaryTest {
  private final DockerfileFrontend frontend = new DockerfileFrontend(new NoRegistryImageMetaResolver());

  static byte[] bench(String name) throws Exception {
    try (InputStream in = GraphSummaryTest.class.getResourceAsStream("/frontend/bench/" + name + "/Dockerfile")) {
      return in.readAllBytes();
    }
  }

  private StepGraph graph(byte[] dockerfile, String target) throws Exception {
    ConvertResult r = frontend.graph(new ConvertRequest("Dockerfile", dockerfile, List.of(), target, false,
        List.of(), RegistryCredentials.ANONYMOUS));
    return StepGraph.load(r.definition());
  }

  @Test
  void parallelBenchHasFourIndependentStagesJoinedByTheLast() throws Exception {
    StageView view = new StageView(graph(bench("parallel"), ""));
    assertThat(view.sideBySide()).containsExactly(List.of("a", "b", "c", "d"));
    assertThat(view.stages()).extracting(StageView.Stage::label).containsExactly("a", "b", "c", "d", "stage-4");
    assertThat(view.stages().get(4).needs()).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(view.strictlyChained()).isFalse();
    String text = GraphText.render(view);
    assertThat(text).contains("  stage-4 (4 steps, needs a, b, c, d)\n",
        "Shared inputs:\n  [a 1/2] FROM 127.0.0.1:5000/busybox:latest\n",
        "Longest chain of dependent steps: 6\n     [a 1/2] FROM 127.0.0.1:5000/busybox:latest\n"
            + "  -> [a 2/2] RUN sleep 2 && echo a > /out\n  -> [stage-4 2/5] COPY --from=a /out /a\n",
        "Stages that can run side by side:\n  a, b, c, d\n");
    assertThat(text).doesNotContain("Nothing can run in parallel");
  }

  @Test
  void stepsBenchSaysNothingCanRunInParallel() throws Exception {
    StageView view = new StageView(graph(bench("steps"), ""));
    assertThat(view.strictlyChained()).isTrue();
    assertThat(view.longestChain()).hasSize(31);
    String text = GraphText.render(view);
    assertThat(text).contains("Longest chain of dependent steps: 31\n", "  -> [31/31] RUN echo 30 > /f30\n")
        .endsWith("Nothing can run in parallel: every step waits for the one before it.\n");
    assertThat(text).doesNotContain("side by side");
  }

  @Test
  void targetLimitsTheSummaryToTheStagesItNeeds() throws Exception {
    StageView view = new StageView(graph(bench("parallel"), "B"));
    assertThat(view.stages()).extracting(StageView.Stage::label).containsExactly("b");
    assertThat(view.sideBySide()).isEmpty();
  }

  @Test
  void dotHasAClusterPerStageLabelledStepsAndAnEdgePerInput() throws Exception {
    StepGraph g = graph(bench("parallel"), "");
    String dot = GraphDot.render(new StageView(g), g);
    assertThat(dot).startsWith("digraph steps {\n").endsWith("}\n");
    assertThat(count(dot, "subgraph cluster_")).isEqualTo(5);
    assertThat(dot).contains("    label=\"a\";\n", "    label=\"stage-4\";\n",
        "[label=\"[a 2/2] RUN sleep 2 && echo a > /out\"];");
    int edges = g.vertices().stream().mapToInt(v -> v.inputs().size()).sum();
    assertThat(count(dot, " -> ")).isEqualTo(edges);
    // the shared base image is drawn before any cluster, outside them
    assertThat(dot.indexOf("FROM 127.0.0.1:5000/busybox:latest")).isLessThan(dot.indexOf("subgraph"));
    // each edge goes from an input's node to its user's node: the FROM feeds every RUN
    String from = nodeId(dot, "[a 1/2] FROM 127.0.0.1:5000/busybox:latest");
    for (String stage : List.of("a", "b", "c", "d")) {
      assertThat(dot).contains("  " + from + " -> " + nodeId(dot, "[" + stage + " 2/2] RUN sleep 2 && echo "
          + stage + " > /out") + ";\n");
    }
  }

  @Test
  void dotEscapesQuotesInLabels() throws Exception {
    StepGraph g = graph("FROM scratch\nCOPY [\"a \\\"q\\\"\", \"/b\"]\n".getBytes(StandardCharsets.UTF_8), "");
    assertThat(GraphDot.render(new StageView(g), g)).contains("\\\"q\\\"");
  }

  private static String nodeId(String dot, String label) {
    Matcher m = Pattern.compile("(v[0-9]+) \\[label=\"" + Pattern.quote(label) + "\"\\]").matcher(dot);
    assertThat(m.find()).as(label).isTrue();
    return m.group(1);
  }

  private static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }
}

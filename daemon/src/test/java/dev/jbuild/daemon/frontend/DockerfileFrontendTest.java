package dev.jbuild.daemon.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.daemon.image.ContainerConfig;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.image.ImageConfig.History;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.FileCopy;
import dev.jbuild.proto.ops.FileMkdir;
import dev.jbuild.proto.ops.Op;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerfileFrontendTest {
  static final String MULTI_STAGE = """
      ARG BASE=scratch
      FROM ${BASE} AS a
      COPY a.txt /a/
      FROM scratch AS b
      WORKDIR /work
      COPY b.txt .
      FROM scratch
      COPY --from=a /a/a.txt /out/
      COPY --from=b /work/b.txt /out/
      """;

  private final DockerfileFrontend frontend = new DockerfileFrontend(new NoRegistryImageMetaResolver());

  static ConvertRequest request(String dockerfile) {
    return request(dockerfile, List.of(), "", false);
  }

  static ConvertRequest request(String dockerfile, List<BuildArg> args, String target, boolean noCache) {
    return new ConvertRequest("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), args, target, noCache,
        List.of("*.log"), RegistryCredentials.ANONYMOUS);
  }

  @Test
  void vertexNamesAreBuildKits() throws Exception {
    GraphView g = new GraphView(frontend.convert(request(MULTI_STAGE)).definition());
    assertThat(g.names()).containsExactly(
        "[internal] load build context",
        "[a 1/1] COPY a.txt /a/",
        "[stage-2 1/2] COPY --from=a /a/a.txt /out/",
        "[b 1/2] WORKDIR /work",
        "[b 2/2] COPY b.txt .",
        "[stage-2 2/2] COPY --from=b /work/b.txt /out/");
    assertThat(g.outputName).isEqualTo("[stage-2 2/2] COPY --from=b /work/b.txt /out/");
  }

  @Test
  void independentStagesShareNoVertexAndFeedTheFinalCopies() throws Exception {
    GraphView g = new GraphView(frontend.convert(request(MULTI_STAGE)).definition());
    Set<String> a = ancestors(g, "[a 1/1] COPY a.txt /a/");
    Set<String> b = ancestors(g, "[b 2/2] COPY b.txt .");
    a.retainAll(b);
    assertThat(a).containsExactly("[internal] load build context");
    assertThat(g.inputNames("[stage-2 1/2] COPY --from=a /a/a.txt /out/"))
        .containsExactly("[a 1/1] COPY a.txt /a/");
    assertThat(g.inputNames("[stage-2 2/2] COPY --from=b /work/b.txt /out/"))
        .containsExactly("[stage-2 1/2] COPY --from=a /a/a.txt /out/", "[b 2/2] COPY b.txt .");
    Op context = g.opByName.get("[internal] load build context");
    assertThat(context.getSource().getLocal().getName()).isEqualTo("context");
    assertThat(context.getSource().getLocal().getExcludePatternsList()).containsExactly("*.log");
  }

  @Test
  void targetPrunesStagesItDoesNotNeed() throws Exception {
    GraphView g = new GraphView(frontend.convert(request(MULTI_STAGE, List.of(), "B", false)).definition());
    assertThat(g.names()).containsExactlyInAnyOrder("[internal] load build context", "[b 1/2] WORKDIR /work",
        "[b 2/2] COPY b.txt .");
  }

  @Test
  void copyAndWorkdirOpsCarryBuildKitSemantics() throws Exception {
    String df = """
        FROM scratch
        USER 1000:1000
        WORKDIR /app
        WORKDIR sub
        COPY --chown=app:grp --chmod=0640 f.txt d/ ./
        COPY x /abs
        """;
    GraphView g = new GraphView(frontend.convert(request(df)).definition());
    FileMkdir mkdir = g.opByName.get("[2/4] WORKDIR sub").getFile().getActions(0).getMkdir();
    assertThat(mkdir.getPath()).isEqualTo("/app/sub");
    assertThat(mkdir.getMode()).isEqualTo(0755);
    assertThat(mkdir.getMakeParents()).isTrue();
    assertThat(mkdir.getOwner().getUser()).isEqualTo("1000");
    assertThat(mkdir.getOwner().getGroup()).isEqualTo("1000");
    assertThat(g.opByName.get("[1/4] WORKDIR /app").getFile().getBaseInput()).isEqualTo(-1);

    Op copy = g.opByName.get("[3/4] COPY --chown=app:grp --chmod=0640 f.txt d/ ./");
    assertThat(copy.getFile().getBaseInput()).isEqualTo(0);
    assertThat(g.inputNames("[3/4] COPY --chown=app:grp --chmod=0640 f.txt d/ ./"))
        .containsExactly("[2/4] WORKDIR sub", "[internal] load build context");
    assertThat(copy.getFile().getActionsList()).extracting(a -> a.getCopy().getSrc())
        .containsExactly("/f.txt", "/d");
    FileCopy first = copy.getFile().getActions(0).getCopy();
    assertThat(first.getSrcInput()).isEqualTo(1);
    assertThat(first.getDest()).isEqualTo("/app/sub/");
    assertThat(first.getOwner().getUser()).isEqualTo("app");
    assertThat(first.getOwner().getGroup()).isEqualTo("grp");
    assertThat(first.getMode()).isEqualTo(0640);
    assertThat(first.getFollowSymlinks()).isTrue();
    assertThat(first.getDirCopyContents()).isTrue();
    assertThat(first.getAllowWildcard()).isTrue();
    assertThat(first.getAllowEmptyWildcard()).isTrue();
    assertThat(first.getCreateDestPath()).isTrue();
    FileCopy abs = g.opByName.get("[4/4] COPY x /abs").getFile().getActions(0).getCopy();
    assertThat(abs.getDest()).isEqualTo("/abs");
    assertThat(abs.hasOwner()).isFalse();
    assertThat(abs.hasMode()).isFalse();
    assertThat(g.metaByName.get("[4/4] COPY x /abs").getLocation().getStartLine()).isEqualTo(6);
    assertThat(g.metaByName.get("[4/4] COPY x /abs").getStage()).isEqualTo("0");
  }

  @Test
  void imageConfigHasEverythingTheDockerfileSet() throws Exception {
    String df = """
        FROM scratch
        ENV A=1 B="two words"
        ENV A 3
        LABEL org.x=y "k 2"=v
        WORKDIR /app
        USER 1000:1000
        EXPOSE 80 53/udp
        ENTRYPOINT ["/bin/app"]
        CMD ["--help"]
        """;
    ImageConfig image = frontend.convert(request(df)).image();
    ContainerConfig c = image.config();
    assertThat(image.os()).isEqualTo("linux");
    assertThat(image.architecture()).isEqualTo("amd64");
    assertThat(c.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "A=3", "B=two words");
    assertThat(c.labels()).isEqualTo(Map.of("k 2", "v", "org.x", "y"));
    assertThat(c.workingDir()).isEqualTo("/app");
    assertThat(c.user()).isEqualTo("1000:1000");
    assertThat(c.exposedPorts()).containsOnlyKeys("53/udp", "80/tcp");
    assertThat(c.entrypoint()).containsExactly("/bin/app");
    assertThat(c.cmd()).containsExactly("--help");
    assertThat(image.history()).extracting(History::createdBy, History::emptyLayer).containsExactly(
        org.assertj.core.groups.Tuple.tuple("ENV A=1 B=two words", true),
        org.assertj.core.groups.Tuple.tuple("ENV A=3", true),
        org.assertj.core.groups.Tuple.tuple("LABEL org.x=y k 2=v", true),
        org.assertj.core.groups.Tuple.tuple("WORKDIR /app", false),
        org.assertj.core.groups.Tuple.tuple("USER 1000:1000", true),
        org.assertj.core.groups.Tuple.tuple("EXPOSE map[53/udp:{} 80/tcp:{}]", true),
        org.assertj.core.groups.Tuple.tuple("ENTRYPOINT [\"/bin/app\"]", true),
        org.assertj.core.groups.Tuple.tuple("CMD [\"--help\"]", true));
    assertThat(image.history()).allSatisfy(h -> assertThat(h.comment()).isEqualTo("buildkit.dockerfile.v0"));
  }

  @Test
  void copyHistoryAndShellFormCommands() throws Exception {
    String df = """
        FROM scratch
        COPY --chown=1:2 a b /dst/
        SHELL ["/bin/bash", "-c"]
        CMD echo "$HOME"
        """;
    ImageConfig image = frontend.convert(request(df)).image();
    assertThat(image.history().get(0).createdBy()).isEqualTo("COPY --chown=1:2 a b /dst/ # buildkit");
    assertThat(image.history().get(0).emptyLayer()).isFalse();
    assertThat(image.history().get(1).createdBy()).isEqualTo("SHELL [/bin/bash -c]");
    assertThat(image.config().cmd()).containsExactly("/bin/bash", "-c", "echo \"$HOME\"");
  }

  @Test
  void emptyFinalStageIsAnEmptyTree() throws Exception {
    GraphView g = new GraphView(frontend.convert(request("FROM scratch\nENV A=b\n")).definition());
    assertThat(g.names()).containsExactly("[internal] empty tree");
    Op op = g.opByName.get("[internal] empty tree");
    assertThat(op.getFile().getBaseInput()).isEqualTo(-1);
    assertThat(op.getFile().getActionsCount()).isZero();
  }

  @Test
  void noCacheMarksEveryVertex() throws Exception {
    GraphView g = new GraphView(frontend.convert(request(MULTI_STAGE, List.of(), "", true)).definition());
    assertThat(g.metaByName.values()).allSatisfy(m -> assertThat(m.getIgnoreCache()).isTrue());
  }

  @Test
  void buildArgsOverrideDefaultsAndUnusedOnesAreReported() throws Exception {
    String df = """
        ARG V=1
        FROM scratch
        ARG V
        ARG W=${V}-w
        LABEL v=$V w=$W
        """;
    ConvertResult r = frontend.convert(request(df, List.of(new BuildArg("V", "8"), new BuildArg("X", "1"),
        new BuildArg("V", "9")), "", false));
    assertThat(r.image().config().labels()).isEqualTo(Map.of("v", "9", "w", "9-w"));
    assertThat(r.warnings()).extracting(FrontendWarning::message)
        .containsExactly("[Warning] One or more build-args [X] were not consumed");
  }

  @Test
  void fromAnEarlierStageInheritsItsTreeAndConfig() throws Exception {
    String df = """
        FROM scratch AS base
        ENV A=1
        COPY a /a
        FROM base
        COPY b /b
        """;
    ConvertResult r = frontend.convert(request(df));
    GraphView g = new GraphView(r.definition());
    assertThat(g.inputNames("[stage-1 1/1] COPY b /b")).containsExactly("[base 1/1] COPY a /a",
        "[internal] load build context");
    assertThat(r.image().config().envValue("A")).isEqualTo("1");
    assertThat(r.image().history()).hasSize(3);
  }

  @Test
  void baseImagesComeFromTheResolver() throws Exception {
    ImageConfig alpine = ImageConfig.scratch()
        .withConfig(ContainerConfig.empty().toBuilder().env("PATH", "/bin").workingDir("/root").build())
        .withRootFs(new ImageConfig.RootFs("layers", List.of("sha256:" + "b".repeat(64))))
        .plusHistory(new History(null, "ADD rootfs", null, null, false));
    StubImageMetaResolverForTest stub = new StubImageMetaResolverForTest(Map.of("alpine", alpine));
    String df = "ARG IMG=alpine\nFROM $IMG\nCOPY a b\n";
    ConvertResult r = new DockerfileFrontend(stub).convert(request(df));
    GraphView g = new GraphView(r.definition());
    String from = "[1/2] FROM docker.io/library/alpine@sha256:" + "a".repeat(64);
    assertThat(g.names()).containsExactly(from, "[internal] load build context", "[2/2] COPY a b");
    assertThat(g.opByName.get(from).getSource().getImage().getRef()).endsWith("@sha256:" + "a".repeat(64));
    assertThat(g.opByName.get("[2/2] COPY a b").getFile().getActions(0).getCopy().getDest()).isEqualTo("/root/b");
    assertThat(r.image().config().env()).containsExactly("PATH=/bin");
    assertThat(r.image().rootfs().diffIds()).hasSize(1);
    assertThat(r.image().history()).hasSize(2);
    assertThat(stub.asked).containsExactly("alpine");
  }

  private static Set<String> ancestors(GraphView g, String name) {
    Set<String> out = new HashSet<>();
    List<String> todo = new java.util.ArrayList<>(List.of(name));
    while (!todo.isEmpty()) {
      String n = todo.remove(0);
      if (out.add(n)) {
        todo.addAll(g.inputNames(n));
      }
    }
    return out;
  }
}

package dev.jbuild.daemon.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.jbuild.daemon.image.ContainerConfig;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.image.ImageConfig.History;
import dev.jbuild.daemon.image.Json;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.ExecMount;
import dev.jbuild.proto.ops.ExecOp;
import dev.jbuild.proto.ops.MountKind;
import dev.jbuild.proto.ops.NetworkMode;
import dev.jbuild.proto.ops.Op;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ARG, ONBUILD, HEALTHCHECK, RUN and ADD as BuildKit gives them meaning. */
class InstructionSemanticsTest {
  private final DockerfileFrontend frontend = new DockerfileFrontend(new NoRegistryImageMetaResolver());

  private static ConvertRequest request(String df, BuildArg... args) {
    return new ConvertRequest("Dockerfile", df.getBytes(StandardCharsets.UTF_8), List.of(args), "", false,
        List.of(), RegistryCredentials.ANONYMOUS);
  }

  @Test
  void anOverriddenArgDefaultIsNeverEvaluated() throws Exception {
    String df = "ARG G=${BROKEN\nFROM scratch\nARG G\nARG S=${ALSO_BROKEN\nLABEL g=$G s=$S\n";
    ConvertResult r = frontend.convert(request(df, new BuildArg("G", "1"), new BuildArg("S", "2")));
    assertThat(r.image().config().labels()).isEqualTo(Map.of("g", "1", "s", "2"));
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void globalArgsReachFromLinesAndStagesOnlyWhenRedeclared() throws Exception {
    String df = "ARG V=global\nFROM scratch AS a\nLABEL before=\"[$V]\"\nARG V\nLABEL after=$V\n";
    ConvertResult r = frontend.convert(request(df));
    assertThat(r.image().config().labels()).isEqualTo(Map.of("before", "[]", "after", "global"));
    assertThat(r.image().history()).extracting(History::createdBy).contains("ARG V=global");
  }

  @Test
  void platformArgsAndTargetStageAreAutomatic() throws Exception {
    String df = "FROM scratch AS final\nARG TARGETPLATFORM TARGETARCH BUILDOS TARGETSTAGE\n"
        + "LABEL p=$TARGETPLATFORM a=$TARGETARCH o=$BUILDOS t=$TARGETSTAGE\n";
    assertThat(frontend.convert(request(df)).image().config().labels())
        .isEqualTo(Map.of("p", "linux/amd64", "a", "amd64", "o", "linux", "t", "final"));
  }

  @Test
  void proxyArgsNeedNoDeclarationAndStayOutOfHistoryAndTheStepGraph() throws Exception {
    String df = "FROM scratch\nARG A=1\nRUN fetch\n";
    ConvertResult r = frontend.graph(request(df, new BuildArg("HTTP_PROXY", "http://proxy:3128"),
        new BuildArg("no_proxy", "localhost"), new BuildArg("UNUSED", "x")));
    assertThat(r.warnings()).extracting(FrontendWarning::message)
        .containsExactly("[Warning] One or more build-args [UNUSED] were not consumed");
    assertThat(r.image().history()).extracting(History::createdBy)
        .containsExactly("ARG A=1", "RUN |1 A=1 /bin/sh -c fetch # buildkit");
    GraphView g = new GraphView(r.definition());
    ExecOp exec = g.opByName.get("[1/1] RUN fetch").getExec();
    assertThat(exec.getMeta().getEnvList()).containsExactly(
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1");
    assertThat(r.definition().toString()).doesNotContain("proxy");
  }

  @Test
  void onbuildTriggersOfAStageBaseRunFirstIncludingCopyFromAStage() throws Exception {
    String df = """
        FROM scratch AS base
        ONBUILD COPY --from=assets /a /a
        ONBUILD ENV X=1
        FROM scratch AS assets
        COPY a /a
        FROM base
        COPY b /b
        """;
    ConvertResult r = frontend.convert(request(df));
    GraphView g = new GraphView(r.definition());
    // BuildKit counts every trigger in the total (ENV too) but numbers only the steps: hence 2/3 is the last
    assertThat(g.names()).contains("[stage-2 1/3] ONBUILD COPY --from=assets /a /a", "[stage-2 2/3] COPY b /b");
    assertThat(g.inputNames("[stage-2 1/3] ONBUILD COPY --from=assets /a /a")).containsExactly("[assets 1/1] COPY a /a");
    assertThat(g.metaByName.get("[stage-2 1/3] ONBUILD COPY --from=assets /a /a").getLocation().getStartLine())
        .isEqualTo(6);
    assertThat(r.image().config().envValue("X")).isEqualTo("1");
    assertThat(r.image().config().onBuild()).isNullOrEmpty();

    ConvertResult base = frontend.convert(new ConvertRequest("Dockerfile", df.getBytes(StandardCharsets.UTF_8),
        List.of(), "base", false, List.of(), RegistryCredentials.ANONYMOUS));
    assertThat(base.image().config().onBuild()).containsExactly("COPY --from=assets /a /a", "ENV X=1");
    assertThat(base.image().history()).isEmpty();
  }

  @Test
  void onbuildTriggersOfABaseImageComeFromItsConfig() throws Exception {
    ImageConfig img = ImageConfig.scratch().withConfig(ContainerConfig.empty().toBuilder()
            .onBuild("ENV FROM_IMAGE=yes").onBuild("WORKDIR /app").build())
        .withRootFs(new ImageConfig.RootFs("layers", List.of("sha256:" + "b".repeat(64))));
    DockerfileFrontend withImage = new DockerfileFrontend(new StubImageMetaResolverForTest(Map.of("onb", img)));
    ConvertResult r = withImage.convert(request("FROM onb\nCOPY x y\n"));
    assertThat(new GraphView(r.definition()).names()).contains("[2/4] ONBUILD WORKDIR /app", "[3/4] COPY x y");
    assertThat(r.image().config().envValue("FROM_IMAGE")).isEqualTo("yes");
    assertThat(r.image().config().workingDir()).isEqualTo("/app");
    assertThat(r.image().config().onBuild()).isNullOrEmpty();
  }

  @Test
  void anAbsoluteWorkdirIsKeptAsWrittenARelativeOneIsJoinedAndCleaned() throws Exception {
    ConvertResult r = frontend.graph(request("FROM scratch\nWORKDIR /tmp/\nRUN pwd\nWORKDIR a/./b/\n"));
    GraphView g = new GraphView(r.definition());
    assertThat(g.opByName.get("[2/3] RUN pwd").getExec().getMeta().getCwd()).isEqualTo("/tmp/");
    assertThat(g.opByName.get("[1/3] WORKDIR /tmp/").getFile().getActions(0).getMkdir().getPath()).isEqualTo("/tmp");
    assertThat(r.image().config().workingDir()).isEqualTo("/tmp/a/b");
    assertThat(r.image().history()).extracting(History::createdBy)
        .containsExactly("WORKDIR /tmp/", "RUN /bin/sh -c pwd # buildkit", "WORKDIR /tmp/a/b");

    // BuildKit's image config says "/tmp/" too (the buildah conformance case workdir-with-trailing-separator)
    assertThat(frontend.convert(request("FROM scratch\nWORKDIR /tmp/\n")).image().config().workingDir())
        .isEqualTo("/tmp/");
  }

  @Test
  void healthcheckSetsTheConfigInNanosecondsAndGoHistory() throws Exception {
    String df = "FROM scratch\nHEALTHCHECK --interval=1m30s --timeout=3s --retries=3 CMD curl -f http://x/\n";
    ImageConfig image = frontend.convert(request(df)).image();
    ContainerConfig.HealthConfig h = image.config().healthcheck();
    assertThat(h.test()).containsExactly("CMD-SHELL", "curl -f http://x/");
    assertThat(h.interval()).isEqualTo(90_000_000_000L);
    assertThat(h.timeout()).isEqualTo(3_000_000_000L);
    assertThat(h.startPeriod()).isNull();
    assertThat(h.retries()).isEqualTo(3);
    assertThat(new String(Json.bytes(image.config()), StandardCharsets.UTF_8)).contains(
        "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"curl -f http://x/\"],\"Interval\":90000000000,"
            + "\"Timeout\":3000000000,\"Retries\":3}");
    assertThat(image.history().get(0).createdBy()).isEqualTo("HEALTHCHECK {Test:[CMD-SHELL curl -f http://x/] "
        + "Interval:1m30s Timeout:3s StartPeriod:0s StartInterval:0s Retries:3}");

    String none = "FROM scratch\nHEALTHCHECK CMD [\"/check\", \"-q\"]\nHEALTHCHECK NONE\n";
    assertThat(frontend.convert(request(none)).image().config().healthcheck().test()).containsExactly("NONE");
    String exec = "FROM scratch\nHEALTHCHECK --start-period=500ms --start-interval=2s CMD [\"/check\", \"-q\"]\n";
    ContainerConfig.HealthConfig e = frontend.convert(request(exec)).image().config().healthcheck();
    assertThat(e.test()).containsExactly("CMD", "/check", "-q");
    assertThat(e.startPeriod()).isEqualTo(500_000_000L);
    assertThat(e.startInterval()).isEqualTo(2_000_000_000L);
  }

  @Test
  void volumeExposeStopsignalMaintainerInBothForms() throws Exception {
    String df = "FROM scratch\nARG P=8080\nVOLUME [\"/data\", \"/logs\"]\nVOLUME /cache /tmp/x\n"
        + "EXPOSE $P 53/udp 7000-7001/tcp\nSTOPSIGNAL SIGKILL\nMAINTAINER Jo <jo@x>\n";
    ImageConfig image = frontend.convert(request(df)).image();
    assertThat(image.config().volumes()).containsOnlyKeys("/data", "/logs", "/cache", "/tmp/x");
    assertThat(image.config().exposedPorts()).containsOnlyKeys("8080/tcp", "53/udp", "7000/tcp", "7001/tcp");
    assertThat(image.config().stopSignal()).isEqualTo("SIGKILL");
    assertThat(image.author()).isEqualTo("Jo <jo@x>");
    assertThat(image.history()).extracting(History::createdBy).contains("VOLUME [/data /logs]",
        "VOLUME [/cache /tmp/x]", "MAINTAINER Jo <jo@x>", "STOPSIGNAL SIGKILL");
  }

  @Test
  void runIsAnExecOpWithItsMountsWhileCacheSecretAndSshMountsAreRefused() throws Exception {
    String df = """
        FROM scratch AS tools
        COPY t /t
        FROM scratch
        WORKDIR /src
        ARG CACHE=/root/.cache
        RUN --network=none --mount=type=cache,target=$CACHE,id=c --mount=type=bind,from=tools,source=/t,target=t \\
            --mount=type=tmpfs,target=/tmp,size=64m --mount=type=secret,id=tok --mount=type=ssh make "all"
        """;
    ConvertResult r = frontend.graph(request(df));
    GraphView g = new GraphView(r.definition());
    String name = g.names().stream().filter(n -> n.contains("RUN")).findFirst().orElseThrow();
    assertThat(name).startsWith("[stage-1 2/2] RUN --network=none").endsWith("make \"all\"");
    ExecOp exec = g.opByName.get(name).getExec();
    assertThat(exec.getMeta().getArgsList()).containsExactly("/bin/sh", "-c", "make \"all\"");
    assertThat(exec.getMeta().getCwd()).isEqualTo("/src");
    assertThat(exec.getNetwork()).isEqualTo(NetworkMode.NETWORK_NONE);
    assertThat(exec.getMountsList()).extracting(ExecMount::getDest, ExecMount::getKind, ExecMount::getReadonly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/", MountKind.MOUNT_BIND, false),
            org.assertj.core.groups.Tuple.tuple("/root/.cache", MountKind.MOUNT_CACHE, false),
            org.assertj.core.groups.Tuple.tuple("/src/t", MountKind.MOUNT_BIND, true),
            org.assertj.core.groups.Tuple.tuple("/tmp", MountKind.MOUNT_TMPFS, false),
            org.assertj.core.groups.Tuple.tuple("/run/secrets/tok", MountKind.MOUNT_SECRET, true),
            org.assertj.core.groups.Tuple.tuple("/run/buildkit/ssh_agent.0", MountKind.MOUNT_SSH, true));
    assertThat(g.inputNames(name)).containsExactly("[stage-1 1/2] WORKDIR /src", "[tools 1/1] COPY t /t");
    assertThat(exec.getMounts(2).getSelector()).isEqualTo("/t");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> frontend.convert(request(df)))
        .hasMessage("Dockerfile:6: RUN --mount=type=cache is not supported yet");
  }

  @Test
  void addUnpacksLocalArchivesAndDownloadsUrlsAsFiles() throws Exception {
    ConvertResult r = frontend.convert(request("FROM scratch\nADD --chmod=0600 a.tgz https://x/y/app.bin?v=1 /d/\n"));
    GraphView g = new GraphView(r.definition());
    String name = "[1/1] ADD --chmod=0600 a.tgz https://x/y/app.bin?v=1 /d/";
    Op add = g.opByName.get(name);
    assertThat(add.getInputsCount()).isEqualTo(2);
    assertThat(g.nameByDigest.get(add.getInputs(0).getDigest())).isEqualTo("[internal] load build context");
    Op http = g.opByDigest.get(add.getInputs(1).getDigest());
    assertThat(http.getSource().getHttp().getUrl()).isEqualTo("https://x/y/app.bin?v=1");
    assertThat(http.getSource().getHttp().getFilename()).isEqualTo("app.bin");
    assertThat(g.metaByName.get(name).getLocation().getStartLine()).isEqualTo(2);
    assertThat(add.getFile().getActionsList()).extracting(a -> a.getCopy().getSrc(), a -> a.getCopy().getAttemptUnpack(),
        a -> a.getCopy().getMode()).containsExactly(tuple("/a.tgz", true, 0600), tuple("/app.bin", false, 0600));
    assertThat(r.image().history().get(0).createdBy())
        .isEqualTo("ADD --chmod=0600 a.tgz https://x/y/app.bin?v=1 /d/ # buildkit");
  }

  @Test
  void addUnpackFlagAndChecksum() throws Exception {
    String sum = "sha256:" + "ab".repeat(32);
    ConvertResult r = frontend.convert(request("FROM scratch\nADD --unpack=false a.tgz /d/\n"
        + "ADD --unpack=true --checksum=" + sum + " https://x/a.tgz /e/\nADD https://x/ /f\n"));
    GraphView g = new GraphView(r.definition());
    assertThat(g.opByName.get("[1/3] ADD --unpack=false a.tgz /d/").getFile().getActions(0).getCopy()
        .getAttemptUnpack()).isFalse();
    Op second = g.opByName.get("[2/3] ADD --unpack=true --checksum=" + sum + " https://x/a.tgz /e/");
    assertThat(second.getFile().getActions(0).getCopy().getAttemptUnpack()).isTrue();
    Op http = g.opByDigest.get(second.getInputs(1).getDigest());
    assertThat(http.getSource().getHttp().getChecksum()).isEqualTo(sum);
    Op third = g.opByName.get("[3/3] ADD https://x/ /f");
    assertThat(third.getFile().getActions(0).getCopy().getSrc()).isEqualTo("/__unnamed__");
    GraphView urlsOnly = new GraphView(frontend.convert(request("FROM scratch\nADD https://x/a /a\n")).definition());
    assertThat(urlsOnly.names()).as("ADD of URLs alone reads nothing from the client")
        .doesNotContain("[internal] load build context");
  }

  @Test
  void copyLinkBuildsOnAnEmptyTreeAndMergesOverTheStage() throws Exception {
    ConvertResult r = frontend.convert(request("FROM scratch\nCOPY a /a\nCOPY --link b /b\nCOPY --link --chmod=0644 c /c\n"));
    GraphView g = new GraphView(r.definition());
    Op linked = g.opByName.get("[2/3] COPY --link b /b");
    assertThat(linked.getFile().getBaseInput()).as("built on an empty tree").isEqualTo(-1);
    Op merge = g.opByName.get("[2/3] LINK COPY --link b /b");
    assertThat(g.inputNames("[2/3] LINK COPY --link b /b")).containsExactly("[1/3] COPY a /a", "[2/3] COPY --link b /b");
    assertThat(merge.getMerge().getInputsList()).containsExactly(0, 1);
    assertThat(g.opByName.get("[3/3] COPY --link --chmod=0644 c /c").getFile().getBaseInput())
        .as("with --chmod BuildKit does not link").isZero();
  }

  @Test
  void copyParentsSplitsAtThePivotAndRequiresPlainPaths() throws Exception {
    ConvertResult r = frontend.convert(request("FROM scratch\nCOPY --parents --exclude=*.md ./x/a.txt ./x/./y/*.txt /p/\n"));
    GraphView g = new GraphView(r.definition());
    var actions = g.opByName.get("[1/1] COPY --parents --exclude=*.md ./x/a.txt ./x/./y/*.txt /p/").getFile().getActionsList();
    assertThat(actions.get(0).getCopy().getSrc()).isEqualTo("/");
    assertThat(actions.get(0).getCopy().getIncludePatternsList()).containsExactly("x/a.txt");
    assertThat(actions.get(0).getCopy().getRequiredPathsList()).containsExactly("/x/a.txt");
    assertThat(actions.get(1).getCopy().getSrc()).isEqualTo("/x");
    assertThat(actions.get(1).getCopy().getIncludePatternsList()).containsExactly("y/*.txt");
    assertThat(actions.get(1).getCopy().getRequiredPathsList()).isEmpty();
    assertThat(actions.get(1).getCopy().getExcludePatternsList()).containsExactly("*.md");
    assertThat(r.image().history().get(0).createdBy()).isEqualTo("COPY --parents ./x/a.txt ./x/./y/*.txt /p/ # buildkit");
  }
}

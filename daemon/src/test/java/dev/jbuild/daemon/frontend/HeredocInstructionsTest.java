package dev.jbuild.daemon.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.jbuild.daemon.frontend.dockerfile.instructions.InlineFile;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.instructions.InstructionsReader;
import dev.jbuild.daemon.frontend.dockerfile.instructions.SourceContent;
import dev.jbuild.daemon.frontend.dockerfile.parser.DockerfileParser;
import dev.jbuild.daemon.image.ImageConfig.History;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.ExecMount;
import dev.jbuild.proto.ops.ExecOp;
import dev.jbuild.proto.ops.FileCopy;
import dev.jbuild.proto.ops.FileMkfile;
import dev.jbuild.proto.ops.MountKind;
import dev.jbuild.proto.ops.Op;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heredocs in COPY, ADD, RUN and ONBUILD, as BuildKit's dockerfile2llb turns them into steps. */
class HeredocInstructionsTest {
  private static final String DOC = "[internal] preparing inline document";
  private final DockerfileFrontend frontend = new DockerfileFrontend(new NoRegistryImageMetaResolver());

  private static ConvertRequest request(String df) {
    return new ConvertRequest("Dockerfile", df.getBytes(StandardCharsets.UTF_8), List.of(), "", false, List.of(),
        RegistryCredentials.ANONYMOUS);
  }

  private static List<Instruction> commands(String df) throws Exception {
    return InstructionsReader.read(DockerfileParser.parse(df.getBytes(StandardCharsets.UTF_8))).stages().get(0)
        .commands();
  }

  @Test
  void copyHeredocSourcesAreInlineFilesNamedByTheirDelimiter() throws Exception {
    String df = "FROM scratch\nCOPY <<-EOF a.txt <<'RAW' /dest/\n\thello\n\tEOF\n$x\nRAW\n";
    Instruction.Copy copy = (Instruction.Copy) commands(df).get(0);
    assertThat(copy.sources()).containsExactly("a.txt");
    assertThat(copy.contents()).containsExactly(new SourceContent("EOF", "hello\n", true),
        new SourceContent("RAW", "$x\n", false));
    assertThat(copy.dest()).isEqualTo("/dest/");
  }

  @Test
  void aHeredocCannotBeTheDestination() {
    assertThatThrownBy(() -> frontend.convert(request("FROM scratch\nCOPY a <<EOF\nx\nEOF\n")))
        .hasMessage("Dockerfile:2: COPY cannot accept a heredoc as a destination");
  }

  @Test
  void copyOfAHeredocMakesTheFileInAScratchTreeAndCopiesItWithoutTheContext() throws Exception {
    String df = """
        FROM scratch
        ENV WHO=world
        ARG GREETING=hello
        COPY --chmod=0600 <<EOF <<"RAW" /etc/
        $GREETING "${WHO}" \\$WHO
        EOF
        keep $WHO
        RAW
        """;
    ConvertResult r = frontend.convert(request(df));
    GraphView g = new GraphView(r.definition());
    String name = "[1/1] COPY --chmod=0600 <<EOF <<RAW /etc/";
    assertThat(g.names()).containsExactly(DOC, name);
    Op copyOp = g.opByName.get(name);
    assertThat(copyOp.getFile().getBaseInput()).isEqualTo(-1);
    List<FileCopy> copies = copyOp.getFile().getActionsList().stream().map(a -> a.getCopy()).toList();
    assertThat(copies).extracting(FileCopy::getSrc, FileCopy::getDest, FileCopy::getMode)
        .containsExactly(tuple("/EOF", "/etc/", 0600), tuple("/RAW", "/etc/", 0600));
    assertThat(copies.get(0).getAllowWildcard()).isFalse();
    Map<String, Op> byDigest = new HashMap<>();
    for (int i = 0; i < r.definition().getDefCount(); i++) {
      byDigest.put(r.definition().getMetadata(i).getDigest(), Op.parseFrom(r.definition().getDef(i)));
    }
    List<FileMkfile> files = copies.stream()
        .map(c -> byDigest.get(copyOp.getInputs(c.getSrcInput()).getDigest()).getFile().getActions(0).getMkfile())
        .toList();
    assertThat(files).extracting(FileMkfile::getPath, f -> f.getData().toStringUtf8(), FileMkfile::getMode)
        .containsExactly(tuple("/EOF", "hello \"world\" $WHO\n", 0644), tuple("/RAW", "keep $WHO\n", 0644));
    assertThat(r.image().history()).extracting(History::createdBy)
        .contains("COPY --chmod=0600 <<EOF <<RAW /etc/ # buildkit");
  }

  @Test
  void runKeepsItsHeredocsOnTheInstruction() throws Exception {
    Instruction.Run run = (Instruction.Run) commands("FROM scratch\nRUN cat <<A <<-B\none\nA\n\ttwo\n\tB\n").get(0);
    assertThat(run.cmdLine()).containsExactly("cat <<A <<-B");
    assertThat(run.files()).containsExactly(new InlineFile("A", "one\n", false), new InlineFile("B", "\ttwo\n", true));
  }

  @Test
  void aRunThatIsOneHeredocRunsTheBodyAsTheShellsScript() throws Exception {
    ConvertResult r = frontend.graph(request("FROM scratch\nRUN <<-EOF\n\techo one\n\techo two\n\tEOF\n"));
    GraphView g = new GraphView(r.definition());
    assertThat(g.names()).containsExactly("[1/1] RUN <<-EOF (echo one...)");
    ExecOp exec = g.opByName.get("[1/1] RUN <<-EOF (echo one...)").getExec();
    assertThat(exec.getMeta().getArgsList()).containsExactly("/bin/sh", "-c", "echo one\necho two\n");
  }

  @Test
  void aHeredocScriptWithAShebangIsMountedAsAFileAndRun() throws Exception {
    ConvertResult r = frontend.graph(request("FROM scratch\nRUN <<run.py\n#!/usr/bin/env python3\nprint(1)\nrun.py\n"));
    GraphView g = new GraphView(r.definition());
    String name = "[1/1] RUN <<run.py (#!/usr/bin/env python3...)";
    ExecOp exec = g.opByName.get(name).getExec();
    assertThat(exec.getMeta().getArgsList()).containsExactly("/bin/sh", "-c", "/dev/pipes/run.py");
    assertThat(exec.getMountsList()).extracting(ExecMount::getDest, ExecMount::getReadonly, ExecMount::getSelector,
        ExecMount::getKind).containsExactly(tuple("/", false, "", MountKind.MOUNT_BIND),
        tuple("/dev/pipes/", true, "/", MountKind.MOUNT_BIND));
    assertThat(g.inputNames(name)).containsExactly(DOC);
    FileMkfile script = g.opByName.get(DOC).getFile().getActions(0).getMkfile();
    assertThat(script.getPath()).isEqualTo("/run.py");
    assertThat(script.getMode()).isEqualTo(0755);
    assertThat(script.getData().toStringUtf8()).isEqualTo("#!/usr/bin/env python3\nprint(1)\n");
  }

  @Test
  void otherRunHeredocsAreJoinedAfterTheCommandForTheShell() throws Exception {
    ConvertResult r = frontend.graph(request("FROM scratch\nRUN cat <<A - <<B > out\none\nA\ntwo\nB\n"));
    GraphView g = new GraphView(r.definition());
    ExecOp exec = g.opByName.get("[1/1] RUN cat <<A - <<B > out").getExec();
    assertThat(exec.getMeta().getArgsList())
        .containsExactly("/bin/sh", "-c", "cat <<A - <<B > out\none\nA\ntwo\nB");
    assertThat(r.image().history()).extracting(History::createdBy)
        .containsExactly("RUN /bin/sh -c cat <<A - <<B > out\none\nA\ntwo\nB # buildkit");
  }

  @Test
  void anOnbuildTriggerKeepsItsHeredocAndRunsItInTheStageBuiltOnIt() throws Exception {
    String df = "FROM scratch AS base\nONBUILD COPY <<EOF /note\nfrom base\nEOF\nFROM base\n";
    Instruction.Onbuild ob = (Instruction.Onbuild) commands(df).get(0);
    assertThat(ob.expression()).isEqualTo("COPY <<EOF /note\nfrom base\nEOF");
    GraphView g = new GraphView(frontend.convert(request(df)).definition());
    assertThat(g.outputName).isEqualTo("[stage-1 1/1] ONBUILD COPY <<EOF /note");
    assertThat(g.opByName.get(DOC).getFile().getActions(0).getMkfile().getData().toStringUtf8())
        .isEqualTo("from base\n");
  }

  @Test
  void runProgressNamesKeepQuotesAndUnsetVariables() throws Exception {
    String df = "FROM scratch\nENV DIR=/src\nRUN echo \"$DIR\" '$DIR' $UNSET ${ALSO:-x}\n";
    GraphView g = new GraphView(frontend.graph(request(df)).definition());
    assertThat(g.names()).containsExactly("[1/1] RUN echo \"/src\" '$DIR' $UNSET ${ALSO:-x}");
  }
}

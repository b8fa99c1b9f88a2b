package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.graph.DefinitionBuilder;
import dev.jbuild.proto.ops.FileAction;
import dev.jbuild.proto.ops.FileCopy;
import dev.jbuild.proto.ops.FileMkdir;
import dev.jbuild.proto.ops.FileOp;
import dev.jbuild.proto.ops.Op;
import dev.jbuild.proto.ops.Owner;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY and WORKDIR: the instructions that change the stage's tree, each as one FileOp vertex on top of the
 * stage's current vertex (BuildKit's dispatchCopy and dispatchWorkdir).
 */
final class FileInstructions {
  private FileInstructions() {}

  /**
   * One FileOp with a FileCopy per source. Flags as BuildKit's COPY: wildcards allowed (an empty match is
   * not an error), symlinks named as sources followed, a directory's contents copied, dest parents made.
   *
   * @param sourceVertex the tree sources are read from (context or another stage); null for an empty tree
   */
  static void copy(StageState d, Instruction.Copy c, String sourceVertex, String name, GraphWriter graph)
      throws DockerfileError {
    Integer mode = chmod(c);
    String dest = Paths.destination(d.currentConfig().workingDir(), c.dest());
    if (c.sources().size() > 1 && !dest.endsWith("/")) {
      dest += "/"; // several sources always go into a directory
    }
    Inputs inputs = new Inputs();
    FileOp.Builder file = FileOp.newBuilder().setBaseInput(inputs.indexOf(d.vertex));
    int src = inputs.indexOf(sourceVertex);
    StringBuilder history = new StringBuilder("COPY");
    if (!c.chown().isEmpty()) {
      history.append(" --chown=").append(c.chown());
    }
    if (!c.chmod().isEmpty()) {
      history.append(" --chmod=").append(c.chmod());
    }
    for (String source : c.sources()) {
      if (c.from().isEmpty() && Paths.clean(source).matches("\\.\\.(/.*)?")) {
        // BuildKit cleans "../x" to "/x" inside the context and then reports "/x" missing: name the real cause
        throw new DockerfileError(c.source().startLine(), "COPY " + source
            + ": forbidden path outside the build context");
      }
      FileCopy.Builder copy = FileCopy.newBuilder().setSrcInput(src).setSrc(Paths.source(source)).setDest(dest)
          .setFollowSymlinks(true).setDirCopyContents(true).setAllowWildcard(true).setAllowEmptyWildcard(true)
          .setCreateDestPath(true);
      if (!c.chown().isEmpty()) {
        copy.setOwner(owner(c.chown()));
      }
      if (mode != null) {
        copy.setMode(mode);
      }
      file.addActions(FileAction.newBuilder().setCopy(copy));
      history.append(' ').append(source);
    }
    history.append(' ').append(c.dest()).append(" # buildkit");
    d.vertex = graph.add(inputs.op().setFile(file), name, d.metaStage(), c.source());
    d.commit(history.toString(), true);
  }

  /** WORKDIR: sets the working directory and, unless it is "/", creates it (owned by the current USER). */
  static void workdir(StageState d, Instruction.Workdir c, NameSource names, GraphWriter graph) {
    String wd = Paths.workdir(d.currentConfig().workingDir() == null ? "" : d.currentConfig().workingDir(),
        c.path());
    d.config.workingDir(wd);
    boolean withLayer = false;
    if (!wd.equals("/")) {
      FileMkdir.Builder mkdir = FileMkdir.newBuilder().setPath(wd).setMode(0755).setMakeParents(true);
      String user = d.currentConfig().user();
      if (user != null && !user.isEmpty()) {
        mkdir.setOwner(owner(user));
      }
      Inputs inputs = new Inputs();
      FileOp.Builder file = FileOp.newBuilder().setBaseInput(inputs.indexOf(d.vertex))
          .addActions(FileAction.newBuilder().setMkdir(mkdir));
      d.vertex = graph.add(inputs.op().setFile(file), names.name(c), d.metaStage(), c.source());
      withLayer = true;
    }
    d.commit("WORKDIR " + wd, withLayer);
  }

  /** Names a vertex after its instruction (the conversion expands and numbers it). */
  @FunctionalInterface
  interface NameSource {
    String name(Instruction instruction);
  }

  /** --chown user[:group]: names stay names, looked up in the destination tree when the step runs. */
  static Owner owner(String chown) {
    int colon = chown.indexOf(':');
    Owner.Builder owner = Owner.newBuilder();
    if (colon < 0) {
      return owner.setUser(chown).build();
    }
    return owner.setUser(chown.substring(0, colon)).setGroup(chown.substring(colon + 1)).build();
  }

  private static Integer chmod(Instruction.Copy c) throws DockerfileError {
    String chmod = c.chmod();
    if (chmod.isEmpty()) {
      return null;
    }
    String invalid = "invalid chmod parameter: '" + chmod + "'. it should be octal string and between 0 and 07777";
    if (chmod.matches("[0-9]+")) {
      if (!chmod.matches("[0-7]+") || chmod.length() > 12 || Long.parseLong(chmod, 8) > 07777) {
        throw new DockerfileError(c.source().startLine(), invalid);
      }
      return (int) Long.parseLong(chmod, 8);
    }
    throw new DockerfileError(c.source().startLine(),
        "--chmod=" + chmod + ": only octal modes are supported yet");
  }

  /** The inputs of one op, each vertex once, in order of first use. */
  private static final class Inputs {
    private final List<String> digests = new ArrayList<>();

    int indexOf(String vertex) {
      if (vertex == null) {
        return -1;
      }
      int i = digests.indexOf(vertex);
      if (i >= 0) {
        return i;
      }
      digests.add(vertex);
      return digests.size() - 1;
    }

    Op.Builder op() {
      Op.Builder op = Op.newBuilder();
      digests.forEach(d -> op.addInputs(DefinitionBuilder.input(d)));
      return op;
    }
  }
}

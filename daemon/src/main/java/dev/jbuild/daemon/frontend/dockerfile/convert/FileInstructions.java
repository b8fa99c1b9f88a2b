package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.instructions.SourceContent;
import dev.jbuild.proto.ops.FileAction;
import dev.jbuild.proto.ops.FileCopy;
import dev.jbuild.proto.ops.FileMkdir;
import dev.jbuild.proto.ops.FileOp;
import dev.jbuild.proto.ops.Owner;
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
    copy(d, c, "COPY", sourceVertex, name, graph);
  }

  /**
   * ADD drawn as a copy from the context (for a graph only: URLs and archives are not fetched or unpacked,
   * so remote sources get no action).
   */
  static void add(StageState d, Instruction.Add a, String contextVertex, String name, GraphWriter graph)
      throws DockerfileError {
    List<String> local = a.sources().stream().filter(s -> !isRemote(s)).toList();
    Instruction.Copy asCopy = new Instruction.Copy(a.source(), local, a.contents(), a.dest(), "", a.chown(),
        a.chmod(), a.link(), false, a.excludes());
    copy(d, asCopy, "ADD", contextVertex, name, graph);
  }

  private static boolean isRemote(String source) {
    return source.startsWith("http://") || source.startsWith("https://") || source.startsWith("git@")
        || source.matches("^[a-z]+://.*");
  }

  private static void copy(StageState d, Instruction.Copy c, String keyword, String sourceVertex, String name,
      GraphWriter graph) throws DockerfileError {
    Integer mode = chmod(c);
    String dest = Paths.destination(d.currentConfig().workingDir(), c.dest());
    if (c.sources().size() + c.contents().size() > 1 && !dest.endsWith("/")) {
      dest += "/"; // several sources always go into a directory
    }
    OpInputs inputs = new OpInputs();
    FileOp.Builder file = FileOp.newBuilder().setBaseInput(inputs.indexOf(d.vertex));
    int src = c.sources().isEmpty() ? -1 : inputs.indexOf(sourceVertex);
    StringBuilder history = new StringBuilder(keyword);
    if (!c.chown().isEmpty()) {
      history.append(" --chown=").append(c.chown());
    }
    if (!c.chmod().isEmpty()) {
      history.append(" --chmod=").append(c.chmod());
    }
    for (String source : c.sources()) {
      if (c.from().isEmpty() && Paths.clean(source).matches("\\.\\.(/.*)?")) {
        // BuildKit cleans "../x" to "/x" inside the context and then reports "/x" missing: name the real cause
        throw new DockerfileError(c.source().startLine(), keyword + " " + source
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
      copy.addAllExcludePatterns(c.excludes());
      file.addActions(FileAction.newBuilder().setCopy(copy));
      history.append(' ').append(source);
    }
    for (SourceContent content : c.contents()) {
      // each heredoc is a file of its own tree, copied like a plain file (no wildcards, no symlinks)
      String doc = graph.inlineDocument(content.path(), content.data(), 0644, d.metaStage());
      FileCopy.Builder copy = FileCopy.newBuilder().setSrcInput(inputs.indexOf(doc))
          .setSrc(Paths.source(content.path())).setDest(dest).setCreateDestPath(true);
      if (!c.chown().isEmpty()) {
        copy.setOwner(owner(c.chown()));
      }
      if (mode != null) {
        copy.setMode(mode);
      }
      file.addActions(FileAction.newBuilder().setCopy(copy));
      history.append(" <<").append(content.path());
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
      OpInputs inputs = new OpInputs();
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
}

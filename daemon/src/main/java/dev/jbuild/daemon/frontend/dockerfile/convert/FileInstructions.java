package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.instructions.SourceContent;
import dev.jbuild.patterns.Globs;
import dev.jbuild.proto.ops.FileAction;
import dev.jbuild.proto.ops.FileCopy;
import dev.jbuild.proto.ops.FileMkdir;
import dev.jbuild.proto.ops.FileOp;
import dev.jbuild.proto.ops.MergeOp;
import dev.jbuild.proto.ops.Owner;
import java.util.List;

/**
 * COPY, ADD and WORKDIR: the instructions that change the stage's tree, each as one FileOp vertex on top of the
 * stage's current vertex (BuildKit's dispatchCopy and dispatchWorkdir); COPY --link builds its FileOp on an
 * empty tree and lays it over the stage with a MergeOp; ADD of a URL adds an HttpSource vertex to copy from.
 */
final class FileInstructions {
  private FileInstructions() {}

  /** What COPY and ADD share, after expansion. */
  private record Spec(String keyword, Instruction source, List<String> sources, List<SourceContent> contents,
      String dest, String chown, String chmod, boolean link, boolean parents, List<String> excludes,
      String checksum, Boolean unpack) {
    boolean isAdd() {
      return keyword.equals("ADD");
    }

    int line() {
      return source.source().startLine();
    }
  }

  /**
   * COPY: one FileOp with a FileCopy per source. Flags as BuildKit's COPY: wildcards allowed (an empty match is
   * not an error), symlinks named as sources followed, a directory's contents copied, dest parents made;
   * --exclude leaves paths out, --parents keeps the source's parent directories, --link (without --chmod, as
   * BuildKit) copies onto an empty tree merged over the stage.
   *
   * @param sourceVertex the tree sources are read from (context or another stage); null for an empty tree
   */
  static void copy(StageState d, Instruction.Copy c, String sourceVertex, String name, GraphWriter graph)
      throws DockerfileError {
    Spec spec = new Spec("COPY", c, c.sources(), c.contents(), c.dest(), c.chown(), c.chmod(), c.link(),
        c.parents(), c.excludes(), "", null);
    dispatch(d, spec, c.from().isEmpty(), sourceVertex, name, graph);
  }

  /**
   * ADD: as COPY from the context, and a local archive (tar, or tar compressed with gzip, bzip2, xz or zstd) is
   * unpacked unless --unpack=false; an http(s) URL is downloaded (verified against --checksum when given) and
   * copied as a file, unpacked only with --unpack=true. A git URL is refused: not supported yet.
   */
  static void add(StageState d, Instruction.Add a, String contextVertex, String name, GraphWriter graph)
      throws DockerfileError {
    Spec spec = new Spec("ADD", a, a.sources(), a.contents(), a.dest(), a.chown(), a.chmod(), a.link(), false,
        a.excludes(), a.checksum(), a.unpack());
    checkChecksum(spec);
    dispatch(d, spec, true, contextVertex, name, graph);
  }

  /** BuildKit's rules for ADD --checksum, checked before anything is fetched. */
  private static void checkChecksum(Spec s) throws DockerfileError {
    if (s.checksum().isEmpty()) {
      return;
    }
    if (s.sources().size() != 1) {
      throw new DockerfileError(s.line(), "checksum can't be specified for multiple sources");
    }
    String src = s.sources().get(0);
    if (!RemoteSources.isHttp(src) && !RemoteSources.isGit(src)) {
      throw new DockerfileError(s.line(), "checksum requires HTTP(S) or Git sources");
    }
    int colon = s.checksum().indexOf(':');
    if (colon <= 0) {
      throw new DockerfileError(s.line(), "invalid checksum digest format: " + s.checksum());
    }
    if (!s.checksum().substring(0, colon).equals("sha256")) {
      throw new DockerfileError(s.line(), "unsupported digest algorithm in --checksum=" + s.checksum()
          + " (use sha256:<hex>)");
    }
    if (!s.checksum().substring(colon + 1).matches("[0-9a-f]{64}")) {
      throw new DockerfileError(s.line(), "invalid checksum digest format: " + s.checksum());
    }
  }

  private static void dispatch(StageState d, Spec s, boolean fromContext, String sourceVertex, String name,
      GraphWriter graph) throws DockerfileError {
    Integer mode = chmod(s.chmod(), s.line());
    boolean link = s.link() && mode == null; // BuildKit merges only when --chmod is not given
    String dest = Paths.destination(d.currentConfig().workingDir(), s.dest());
    if (s.sources().size() + s.contents().size() > 1 && !dest.endsWith("/")) {
      dest += "/"; // several sources always go into a directory
    }
    OpInputs inputs = new OpInputs();
    FileOp.Builder file = FileOp.newBuilder().setBaseInput(link ? -1 : inputs.indexOf(d.vertex));
    StringBuilder history = new StringBuilder(s.keyword());
    if (s.parents()) {
      history.append(" --parents");
    }
    if (!s.chown().isEmpty()) {
      history.append(" --chown=").append(s.chown());
    }
    if (!s.chmod().isEmpty()) {
      history.append(" --chmod=").append(s.chmod());
    }
    for (String source : s.sources()) {
      FileCopy.Builder copy;
      if (!s.isAdd() && (RemoteSources.isGit(source) || RemoteSources.isHttp(source))) {
        throw new DockerfileError(s.line(), RemoteSources.isGit(source) ? "source can't be a git ref for COPY"
            : "source can't be a URL for COPY");
      } else if (s.isAdd() && RemoteSources.isGit(source)) {
        throw new DockerfileError(s.line(), "ADD " + source + ": git sources are not supported yet");
      } else if (s.isAdd() && RemoteSources.isHttp(source)) {
        copy = httpCopy(d, s, source, name, graph, inputs);
      } else {
        copy = localCopy(s, source, fromContext, inputs.indexOf(sourceVertex));
      }
      copy.setDest(dest).setCreateDestPath(true).addAllExcludePatterns(s.excludes());
      file.addActions(FileAction.newBuilder().setCopy(withOwnerAndMode(copy, s.chown(), mode)));
      history.append(' ').append(source);
    }
    for (SourceContent content : s.contents()) {
      // each heredoc is a file of its own tree, copied like a plain file (no wildcards, no symlinks)
      String doc = graph.inlineDocument(content.path(), content.data(), 0644, d.metaStage());
      FileCopy.Builder copy = FileCopy.newBuilder().setSrcInput(inputs.indexOf(doc))
          .setSrc(Paths.source(content.path())).setDest(dest).setCreateDestPath(true);
      file.addActions(FileAction.newBuilder().setCopy(withOwnerAndMode(copy, s.chown(), mode)));
      history.append(" <<").append(content.path());
    }
    history.append(' ').append(s.dest()).append(" # buildkit");
    String vertex = graph.add(inputs.op().setFile(file), name, d.metaStage(), s.source().source());
    d.vertex = link ? merged(d, vertex, name, s, graph) : vertex;
    d.commit(history.toString(), true);
  }

  /** COPY --link: the stage's tree with the linked tree laid over it (just the linked tree on scratch). */
  private static String merged(StageState d, String linked, String name, Spec s, GraphWriter graph) {
    if (d.vertex == null) {
      return linked;
    }
    OpInputs inputs = new OpInputs();
    MergeOp merge = MergeOp.newBuilder().addInputs(inputs.indexOf(d.vertex)).addInputs(inputs.indexOf(linked))
        .build();
    String linkName = name.replaceFirst("^(\\[[^]]*] )?", "$1LINK ");
    return graph.add(inputs.op().setMerge(merge), linkName, d.metaStage(), s.source().source());
  }

  /** A source in the context (or another stage): COPY's flags, --parents' include patterns, ADD's unpacking. */
  private static FileCopy.Builder localCopy(Spec s, String source, boolean fromContext, int srcInput)
      throws DockerfileError {
    if (fromContext && Paths.clean(source).matches("\\.\\.(/.*)?")) {
      // BuildKit cleans "../x" to "/x" inside the context and then reports "/x" missing: name the real cause
      throw new DockerfileError(s.line(), s.keyword() + " " + source + ": forbidden path outside the build context");
    }
    FileCopy.Builder copy = FileCopy.newBuilder().setSrcInput(srcInput).setFollowSymlinks(true)
        .setDirCopyContents(true).setAllowWildcard(true).setAllowEmptyWildcard(true)
        .setAttemptUnpack(s.isAdd() && !Boolean.FALSE.equals(s.unpack()));
    String src = source;
    if (s.parents()) {
      // BuildKit: "a/./b/c" copies b/c keeping b; without a pivot the whole path is kept
      int pivot = src.indexOf("/./");
      String pattern = pivot < 0 ? src : src.substring(pivot + 3);
      src = pivot < 0 ? "/" : src.substring(0, pivot);
      pattern = Paths.source(pattern).substring(1);
      copy.addIncludePatterns(pattern);
      if (!Globs.hasWildcard(src) && !Globs.hasWildcard(pattern)) {
        copy.addRequiredPaths(Paths.join(Paths.source(src), pattern));
      }
    }
    return copy.setSrc(Paths.source(src));
  }

  /** A URL: downloaded by an HttpSource vertex, copied from it as one file; unpacked only with --unpack=true. */
  private static FileCopy.Builder httpCopy(StageState d, Spec s, String url, String name, GraphWriter graph,
      OpInputs inputs) {
    String fileName = RemoteSources.fileName(url);
    String http = graph.http(url, s.checksum(), fileName, name, d.metaStage(), s.source().source());
    return FileCopy.newBuilder().setSrcInput(inputs.indexOf(http)).setSrc("/" + fileName)
        .setAttemptUnpack(Boolean.TRUE.equals(s.unpack()));
  }

  private static FileCopy.Builder withOwnerAndMode(FileCopy.Builder copy, String chown, Integer mode) {
    if (!chown.isEmpty()) {
      copy.setOwner(owner(chown));
    }
    if (mode != null) {
      copy.setMode(mode);
    }
    return copy;
  }

  /** WORKDIR: sets the working directory and, unless it is "/", creates it (owned by the current USER). */
  static void workdir(StageState d, Instruction.Workdir c, NameSource names, GraphWriter graph) {
    String wd = Paths.workdir(d.currentConfig().workingDir() == null ? "" : d.currentConfig().workingDir(),
        c.path());
    d.config.workingDir(wd);
    boolean withLayer = false;
    if (!wd.equals("/")) {
      FileMkdir.Builder mkdir = FileMkdir.newBuilder().setPath(Paths.clean(wd)).setMode(0755).setMakeParents(true);
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

  private static Integer chmod(String chmod, int line) throws DockerfileError {
    if (chmod.isEmpty()) {
      return null;
    }
    String invalid = "invalid chmod parameter: '" + chmod + "'. it should be octal string and between 0 and 07777";
    if (chmod.matches("[0-9]+")) {
      if (!chmod.matches("[0-7]+") || chmod.length() > 12 || Long.parseLong(chmod, 8) > 07777) {
        throw new DockerfileError(line, invalid);
      }
      return (int) Long.parseLong(chmod, 8);
    }
    throw new DockerfileError(line, "--chmod=" + chmod + ": only octal modes are supported yet");
  }
}

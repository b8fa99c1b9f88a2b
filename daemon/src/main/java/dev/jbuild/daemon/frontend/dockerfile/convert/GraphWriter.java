package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.instructions.InstructionSource;
import dev.jbuild.daemon.graph.DefinitionBuilder;
import dev.jbuild.proto.ops.Definition;
import com.google.protobuf.ByteString;
import dev.jbuild.proto.ops.FileAction;
import dev.jbuild.proto.ops.FileMkfile;
import dev.jbuild.proto.ops.FileOp;
import dev.jbuild.proto.ops.HttpSource;
import dev.jbuild.proto.ops.ImageSource;
import dev.jbuild.proto.ops.LocalSource;
import dev.jbuild.proto.ops.Op;
import dev.jbuild.proto.ops.Platform;
import dev.jbuild.proto.ops.SourceLocation;
import dev.jbuild.proto.ops.SourceOp;
import dev.jbuild.proto.ops.VertexMeta;

/**
 * Adds the conversion's vertices to a {@link DefinitionBuilder} with their metadata: progress name, stage,
 * source location and --no-cache. Owns the one build-context vertex that every COPY from the context shares.
 */
final class GraphWriter {
  static final Platform PLATFORM = GraphPlatform.PLATFORM;
  static final String CONTEXT_NAME = "[internal] load build context";
  static final String EMPTY_TREE_NAME = "[internal] empty tree";
  static final String INLINE_DOCUMENT_NAME = "[internal] preparing inline document";

  private final DefinitionBuilder builder = new DefinitionBuilder();
  private final ConvertOptions options;
  private String context;

  GraphWriter(ConvertOptions options) {
    this.options = options;
  }

  /** The build context (LocalSource "context" with the .dockerignore excludes). */
  String context() {
    if (context == null) {
      LocalSource local = LocalSource.newBuilder().setName("context")
          .addAllExcludePatterns(options.contextExcludes()).build();
      Op op = Op.newBuilder().setSource(SourceOp.newBuilder().setLocal(local)).build();
      context = builder.add(op, meta(CONTEXT_NAME, "", null));
    }
    return context;
  }

  /** An empty tree (FROM scratch with no change yet) as a vertex, for a stage that must be an input. */
  String emptyTree(String stage) {
    Op op = Op.newBuilder().setFile(FileOp.newBuilder().setBaseInput(-1)).setPlatform(PLATFORM).build();
    return builder.add(op, meta(EMPTY_TREE_NAME, stage, null));
  }

  /**
   * A tree holding one file, {@code /NAME}, with a heredoc's body (BuildKit's scratch + Mkfile for inline
   * documents): COPY reads heredoc sources from it, RUN mounts a script from it.
   */
  String inlineDocument(String name, String data, int mode, String stage) {
    FileMkfile mkfile = FileMkfile.newBuilder().setPath(Paths.source(name)).setMode(mode)
        .setData(ByteString.copyFromUtf8(data)).build();
    Op op = Op.newBuilder().setFile(FileOp.newBuilder().setBaseInput(-1)
        .addActions(FileAction.newBuilder().setMkfile(mkfile))).setPlatform(PLATFORM).build();
    return builder.add(op, meta(INLINE_DOCUMENT_NAME, stage, null));
  }

  /** ADD of a URL: the daemon downloads it into a tree holding /{@code filename}. */
  String http(String url, String checksum, String filename, String name, String stage, InstructionSource source) {
    HttpSource http = HttpSource.newBuilder().setUrl(url).setChecksum(checksum).setFilename(filename).build();
    Op op = Op.newBuilder().setSource(SourceOp.newBuilder().setHttp(http)).setPlatform(PLATFORM).build();
    return builder.add(op, meta(name, stage, source));
  }

  String image(String ref, String name, String stage, InstructionSource source) {
    Op op = Op.newBuilder().setSource(SourceOp.newBuilder().setImage(ImageSource.newBuilder().setRef(ref)))
        .setPlatform(PLATFORM).build();
    return builder.add(op, meta(name, stage, source));
  }

  String add(Op.Builder op, String name, String stage, InstructionSource source) {
    return builder.add(op.setPlatform(PLATFORM).build(), meta(name, stage, source));
  }

  Definition build(String output) {
    return builder.build(output);
  }

  private VertexMeta meta(String name, String stage, InstructionSource source) {
    VertexMeta.Builder meta = VertexMeta.newBuilder().setName(name).setStage(stage)
        .setIgnoreCache(options.noCache());
    if (source != null) {
      meta.setLocation(SourceLocation.newBuilder().setFile(options.fileName())
          .setStartLine(source.startLine()).setEndLine(source.endLine()));
    }
    return meta.build();
  }
}

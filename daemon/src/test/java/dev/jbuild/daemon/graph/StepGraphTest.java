package dev.jbuild.daemon.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.jbuild.proto.ops.Definition;
import dev.jbuild.proto.ops.FileAction;
import dev.jbuild.proto.ops.FileCopy;
import dev.jbuild.proto.ops.FileOp;
import dev.jbuild.proto.ops.LocalSource;
import dev.jbuild.proto.ops.Op;
import dev.jbuild.proto.ops.Platform;
import dev.jbuild.proto.ops.SourceOp;
import dev.jbuild.proto.ops.VertexMeta;
import org.junit.jupiter.api.Test;

class StepGraphTest {

  private static Op context() {
    return Op.newBuilder()
        .setSource(SourceOp.newBuilder().setLocal(LocalSource.newBuilder().setName("context")))
        .setPlatform(Platform.newBuilder().setOs("linux").setArchitecture("amd64"))
        .build();
  }

  private static Op copy(String ctx) {
    return Op.newBuilder()
        .addInputs(DefinitionBuilder.input(ctx))
        .setFile(FileOp.newBuilder().setBaseInput(-1).addActions(FileAction.newBuilder().setCopy(
            FileCopy.newBuilder().setSrcInput(0).setSrc("/a").setDest("/b").setCreateDestPath(true))))
        .setPlatform(Platform.newBuilder().setOs("linux").setArchitecture("amd64"))
        .build();
  }

  @Test
  void vertexDigestIsPinnedToTheStoredBytes() {
    // Golden digests: if protobuf's encoding of an Op ever changes, every cache key changes with it.
    DefinitionBuilder b = new DefinitionBuilder();
    String ctx = b.add(context(), VertexMeta.newBuilder().setName("[internal] load build context").build());
    String cp = b.add(copy(ctx), VertexMeta.newBuilder().setName("COPY /a /b").build());
    // field 2 (source) { field 2 (local) { name "context" } }, field 10 (platform) { "linux", "amd64" }
    Definition def = b.build(cp);
    assertThat(java.util.HexFormat.of().formatHex(def.getDef(0).toByteArray()))
        .isEqualTo("120b12090a07636f6e74657874520e0a056c696e75781205616d643634");
    // sha256 of those bytes, computed outside Java (python3 hashlib)
    assertThat(ctx).isEqualTo("sha256:2311d72e0230fe69851bce02fc04ced0970f810826209271d9d302683b09ce2b");
    assertThat(def.getMetadata(0).getDigest()).isEqualTo(ctx);
    assertThat(def.getMetadata(1).getDigest()).isEqualTo(cp);
  }

  @Test
  void buildKeepsOnlyWhatTheOutputNeedsInputsFirst() throws Exception {
    DefinitionBuilder b = new DefinitionBuilder();
    String ctx = b.add(context(), VertexMeta.getDefaultInstance());
    String unused = b.add(copy(ctx).toBuilder().setFile(FileOp.newBuilder().setBaseInput(-1)).build(),
        VertexMeta.getDefaultInstance());
    String cp = b.add(copy(ctx), VertexMeta.getDefaultInstance());
    StepGraph g = StepGraph.load(b.build(cp));
    assertThat(g.vertices()).extracting(StepGraph.Vertex::digest).containsExactly(ctx, cp);
    assertThat(g.output().digest()).isEqualTo(cp);
    assertThat(g.vertices()).extracting(StepGraph.Vertex::digest).doesNotContain(unused);
  }

  @Test
  void identicalOpsAreOneVertex() {
    DefinitionBuilder b = new DefinitionBuilder();
    assertThat(b.add(context(), VertexMeta.getDefaultInstance()))
        .isEqualTo(b.add(context(), VertexMeta.newBuilder().setName("again").build()));
  }

  @Test
  void tamperedBytesAreRefused() {
    DefinitionBuilder b = new DefinitionBuilder();
    String ctx = b.add(context(), VertexMeta.getDefaultInstance());
    Definition def = b.build(ctx);
    Definition tampered = def.toBuilder()
        .setDef(0, ByteString.copyFrom(context().toBuilder()
            .setPlatform(Platform.newBuilder().setOs("linux").setArchitecture("arm64")).build().toByteArray()))
        .build();
    assertThatThrownBy(() -> StepGraph.load(tampered))
        .isInstanceOf(InvalidGraphException.class).hasMessageContaining("hash to");
  }

  @Test
  void anInputThatDoesNotComeFirstIsRefused() {
    Op orphan = copy("sha256:" + "0".repeat(64));
    Definition def = Definition.newBuilder().addDef(orphan.toByteString())
        .addMetadata(VertexMeta.getDefaultInstance()).build();
    assertThatThrownBy(() -> StepGraph.load(def))
        .isInstanceOf(InvalidGraphException.class).hasMessageContaining("does not come before it");
  }

  @Test
  void aVertexThatDoesNotLeadToTheOutputIsRefused() {
    DefinitionBuilder b = new DefinitionBuilder();
    String ctx = b.add(context(), VertexMeta.getDefaultInstance());
    String cp = b.add(copy(ctx), VertexMeta.getDefaultInstance());
    Definition def = b.build(cp);
    Definition stray = def.toBuilder().clearDef().clearMetadata()
        .addDef(def.getDef(0)).addMetadata(def.getMetadata(0))
        .addDef(context().toBuilder().setPlatform(Platform.newBuilder().setOs("linux").setArchitecture("arm64"))
            .build().toByteString()).addMetadata(VertexMeta.getDefaultInstance())
        .addDef(def.getDef(1)).addMetadata(def.getMetadata(1)).build();
    assertThatThrownBy(() -> StepGraph.load(stray))
        .isInstanceOf(InvalidGraphException.class).hasMessageContaining("does not lead to the output");
  }
}

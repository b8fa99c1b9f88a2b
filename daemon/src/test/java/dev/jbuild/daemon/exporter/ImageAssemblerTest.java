package dev.jbuild.daemon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.image.ImageConfig.History;
import dev.jbuild.diff.MediaTypes;
import dev.jbuild.diff.TarDiffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAssemblerTest {
  private static final Instant PULLED = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant RUN_A = Instant.parse("2024-05-01T10:00:05.123Z");
  private static final Instant RUN_B = Instant.parse("2024-05-01T10:00:09.456Z");
  private static final Instant NOW = Instant.parse("2024-05-01T10:01:00Z");

  @TempDir Path tmp;

  private static LayerChain.Layer layer(String content, Instant created) {
    return new LayerChain.Layer(new Descriptor(MediaTypes.LAYER_TAR, Digest.of(content.getBytes()), 10), created);
  }

  private static History step(String createdBy, boolean emptyLayer) {
    return new History(null, createdBy, null, "buildkit.dockerfile.v0", emptyLayer);
  }

  @Test
  void historyTimesAreTheLayersOwnAndMetadataStepsTakeTheStepBefore() throws Exception {
    ImageConfig config = ImageConfig.scratch().withHistory(List.of(
        new History("2020-01-01T00:00:00Z", null, null, "Imported from -", false),
        step("ENV A=1", true),
        step("RUN a", false),
        step("ENV B=2", true),
        step("RUN b", false),
        step("CMD [\"sh\"]", true)));
    LayerChain.Layer runB = new LayerChain.Layer(
        new Descriptor(MediaTypes.LAYER_TAR, TarDiffer.EMPTY_LAYER_DIGEST, 1024), RUN_B);
    List<LayerChain.Layer> layers = List.of(layer("base", PULLED), layer("a", RUN_A), runB);

    BuiltImage image = new ImageAssembler(ContentStore.local(tmp), TarDiffer::isEmpty)
        .assemble(layers, config, NOW);

    assertThat(image.config().history()).extracting(History::created).containsExactly(
        "2020-01-01T00:00:00Z", RUN_A.toString(), RUN_A.toString(), RUN_A.toString(), RUN_B.toString(),
        RUN_B.toString());
    assertThat(image.config().history()).extracting(History::emptyLayer)
        .containsExactly(false, true, false, true, true, true); // RUN b changed nothing: no layer
    assertThat(image.config().created()).isEqualTo(RUN_B.toString());
    assertThat(image.layers()).containsExactly(layers.get(0).tar(), layers.get(1).tar());
  }

  @Test
  void anImageWithoutAnyTimeIsCreatedNow() throws Exception {
    ImageConfig config = ImageConfig.scratch().withHistory(List.of(step("CMD [\"sh\"]", true)));

    BuiltImage image = new ImageAssembler(ContentStore.local(tmp), TarDiffer::isEmpty)
        .assemble(List.of(), config, NOW);

    assertThat(image.config().created()).isEqualTo(NOW.toString());
    assertThat(image.config().history().get(0).created()).isNull();
  }
}

package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Stage;
import dev.jbuild.daemon.image.ContainerConfig;
import dev.jbuild.daemon.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stage while it is converted (BuildKit's dispatchState): where its tree is (a vertex, or null while it
 * is still the empty tree of FROM scratch), its image config so far, the environment words expand against
 * (ENV plus declared ARGs), and the step counter for progress names.
 */
final class StageState {
  final Stage stage;
  /** The stage label in progress names: its name, "stage-N", or "" when the Dockerfile has one stage. */
  String label;
  String baseName;
  StageState base;
  /** Stages this one copies from, with the line of the COPY. */
  final Map<StageState, Integer> deps = new LinkedHashMap<>();

  /** The base image, once resolved (null for scratch and stage bases). */
  BaseImages.BaseImage baseImage;
  boolean resolved;
  boolean onBuildInit;
  /** ONBUILD triggers of the base, run before the stage's own instructions. */
  final List<Instruction> triggers = new ArrayList<>();
  /** Set while a trigger is dispatched: its progress name reads "[stage i/n] ONBUILD ...". */
  boolean cmdIsOnBuild;

  boolean dispatched;
  String vertex;
  int cmdIndex;
  int cmdTotal;
  boolean cmdSet;

  ImageConfig image = ImageConfig.scratch();
  ContainerConfig.Builder config = ContainerConfig.empty().toBuilder();
  final List<ImageConfig.History> history = new ArrayList<>();
  final Map<String, String> env = new LinkedHashMap<>();
  final List<Instruction.ArgDefinition> buildArgs = new ArrayList<>();

  StageState(Stage stage) {
    this.stage = stage;
  }

  /** The stage as VertexMeta.stage shows it: its name, or its index when unnamed. */
  String metaStage() {
    return stage.name().isEmpty() ? Integer.toString(stage.index()) : stage.name();
  }

  int fromLine() {
    return stage.from().source().startLine();
  }

  /** Starts from the base stage's result (BuildKit's dispatchState.init). */
  void inheritFrom(StageState b) {
    vertex = b.vertex;
    image = b.image;
    config = b.config.build().toBuilder();
    history.addAll(b.history);
    env.putAll(b.env);
    buildArgs.addAll(b.buildArgs);
  }

  ContainerConfig currentConfig() {
    return config.build();
  }

  /** The image config as exported: platform and rootfs of the base, our config and history. */
  ImageConfig toImage() {
    return new ImageConfig(null, image.author(), image.architecture(), image.os(), image.variant(),
        config.build(), image.rootfs(), history);
  }

  /** The triggers, then the stage's own instructions. */
  List<Instruction> commands() {
    List<Instruction> all = new ArrayList<>(triggers);
    all.addAll(stage.commands());
    return all;
  }

  void commit(String createdBy, boolean withLayer) {
    history.add(new ImageConfig.History(null, createdBy, null, "buildkit.dockerfile.v0", !withLayer));
  }

  /** BuildKit's prefixCommand: "[label i/n] " before the instruction, the index padded to n's width. */
  String progressName(String command) {
    if (cmdTotal == 0) {
      return command;
    }
    cmdIndex++;
    String width = Integer.toString(Integer.toString(cmdTotal).length());
    String counter = String.format("%" + width + "d/%d", cmdIndex, cmdTotal);
    return "[" + (label.isEmpty() ? "" : label + " ") + counter + "] " + (cmdIsOnBuild ? "ONBUILD " : "")
        + command;
  }
}

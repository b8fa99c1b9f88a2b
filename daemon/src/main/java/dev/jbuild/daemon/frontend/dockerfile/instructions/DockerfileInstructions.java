package dev.jbuild.daemon.frontend.dockerfile.instructions;

import java.util.List;

/** The typed Dockerfile: ARGs before the first FROM ("meta args", usable in FROM lines) and the stages. */
public record DockerfileInstructions(List<Instruction.Arg> metaArgs, List<Stage> stages) {
  public DockerfileInstructions {
    metaArgs = List.copyOf(metaArgs);
    stages = List.copyOf(stages);
  }
}

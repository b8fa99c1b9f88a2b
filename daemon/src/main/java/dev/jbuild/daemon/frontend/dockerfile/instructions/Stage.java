package dev.jbuild.daemon.frontend.dockerfile.instructions;

import java.util.List;

/**
 * A build stage: its FROM and the instructions up to the next FROM.
 *
 * @param index position among the stages, from 0 ({@code COPY --from=0})
 * @param from  its FROM instruction (base name still unexpanded, name lower-cased or "")
 */
public record Stage(int index, Instruction.From from, List<Instruction> commands) {
  public Stage {
    commands = List.copyOf(commands);
  }

  public String name() {
    return from.stageName();
  }
}

package dev.jbuild.daemon.frontend.dockerfile.instructions;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.parser.Node;
import dev.jbuild.daemon.frontend.dockerfile.parser.ParsedFile;
import java.util.ArrayList;
import java.util.List;

/** Groups a parsed file's instructions into stages (BuildKit's instructions.Parse). */
public final class InstructionsReader {
  private InstructionsReader() {}

  public static DockerfileInstructions read(ParsedFile file) throws DockerfileError {
    List<Instruction.Arg> metaArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Instruction.From from = null;
    List<Instruction> commands = new ArrayList<>();
    for (Node node : file.instructions()) {
      Instruction instruction = InstructionParser.parse(node);
      if (instruction instanceof Instruction.From f) {
        if (from != null) {
          stages.add(new Stage(stages.size(), from, commands));
        }
        from = f;
        commands = new ArrayList<>();
      } else if (from == null) {
        if (!(instruction instanceof Instruction.Arg arg)) {
          throw new DockerfileError(node.startLine(), "no build stage in current context: "
              + instruction.source().name() + " must come after a FROM (only ARG can come before the first FROM)");
        }
        metaArgs.add(arg);
      } else {
        commands.add(instruction);
      }
    }
    if (from != null) {
      stages.add(new Stage(stages.size(), from, commands));
    }
    return new DockerfileInstructions(metaArgs, stages);
  }
}

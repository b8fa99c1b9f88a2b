package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.instructions.InstructionParser;
import dev.jbuild.daemon.frontend.dockerfile.parser.DockerfileParser;
import dev.jbuild.daemon.frontend.dockerfile.parser.ParsedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * ONBUILD triggers as BuildKit's initOnBuildTriggers: each stored expression is parsed as a one-instruction
 * Dockerfile and located at the FROM line of the stage that runs it. A stage built on another stage runs that
 * stage's ONBUILD instructions; a stage built on an image runs the image config's OnBuild list.
 */
final class OnBuildTriggers {
  private OnBuildTriggers() {}

  /** The trigger expressions a stage inherits from its base. */
  static List<String> inherited(StageState d) {
    List<String> out = new ArrayList<>();
    if (d.base != null) {
      for (Instruction i : d.base.stage.commands()) {
        if (i instanceof Instruction.Onbuild ob) {
          out.add(ob.expression());
        }
      }
    } else if (d.baseImage != null && d.baseImage.config().config().onBuild() != null) {
      out.addAll(d.baseImage.config().config().onBuild());
    }
    return out;
  }

  static List<Instruction> parse(List<String> expressions, StageState d) throws DockerfileError {
    int start = d.stage.from().source().startLine();
    int end = d.stage.from().source().endLine();
    List<Instruction> out = new ArrayList<>();
    for (String expression : expressions) {
      try {
        ParsedFile file = DockerfileParser.parse(expression);
        if (file.instructions().size() != 1) {
          throw new DockerfileError(start, "onbuild trigger should be a single expression");
        }
        Instruction trigger = InstructionParser.parse(file.instructions().get(0), start, end);
        if (trigger instanceof Instruction.From || trigger instanceof Instruction.Onbuild
            || trigger instanceof Instruction.Maintainer) {
          throw new DockerfileError(start, trigger.source().name() + " isn't allowed as an ONBUILD trigger");
        }
        out.add(trigger);
      } catch (DockerfileError e) {
        throw new DockerfileError(start, "ONBUILD " + expression + ": " + e.getMessage());
      }
    }
    return out;
  }
}

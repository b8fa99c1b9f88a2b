package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Stage;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import dev.jbuild.daemon.frontend.dockerfile.shell.ShellLexer;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import dev.jbuild.daemon.frontend.dockerfile.text.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The stage graph: each stage's base (an earlier stage, scratch, or an image), the stages its COPY --from
 * and RUN --mount=from read, the target, and the stages the target needs. Checks what BuildKit checks before converting: no
 * stage, unknown target, a bad --from index, a cycle; and one thing more: FROM naming a later stage.
 */
final class StagePlan {
  final List<StageState> states = new ArrayList<>();
  private final Map<String, StageState> byName = new HashMap<>();
  final StageState target;
  private final ShellLexer lexer;

  StagePlan(List<Stage> stages, Map<String, String> globalArgs, ShellLexer lexer, String targetName)
      throws DockerfileError {
    if (stages.isEmpty()) {
      throw new DockerfileError(0, "dockerfile contains no stages to build");
    }
    for (Stage stage : stages) {
      StageState state = new StageState(stage);
      state.baseName = expandBaseName(stage, globalArgs, lexer);
      state.base = byName.get(state.baseName.toLowerCase(Locale.ROOT));
      state.label = stage.name().isEmpty() ? "stage-" + stage.index() : stage.name();
      states.add(state);
      if (!stage.name().isEmpty()) {
        byName.put(stage.name(), state);
      }
    }
    if (states.size() == 1) {
      states.get(0).label = "";
    }
    rejectBaseDefinedLater();
    target = findTarget(targetName);
    this.lexer = lexer;
    for (StageState state : states) {
      addDeps(state, state.stage.commands());
    }
    rejectCycles();
  }

  /**
   * Records the stages that {@code commands} of {@code state} read (COPY --from, RUN --mount=from) and
   * checks the graph still has no cycle. Returns whether a stage was added (ONBUILD triggers can add some).
   */
  boolean addDeps(StageState state, List<Instruction> commands) throws DockerfileError {
    int before = state.deps.size();
    for (Instruction i : commands) {
      int line = i.source().startLine();
      if (i instanceof Instruction.Copy c && !c.from().isEmpty()) {
        rejectVariable(c.from(), line);
        StageState from = stageFor(c.from(), line);
        if (from != null) {
          state.deps.putIfAbsent(from, line);
        }
      } else if (i instanceof Instruction.Run r) {
        for (String from : r.mountSources()) {
          StageState stage = stageByName(from);
          if (stage != null) {
            state.deps.putIfAbsent(stage, line);
          }
        }
      }
    }
    if (state.deps.size() == before) {
      return false;
    }
    rejectCycles();
    return true;
  }

  /** A stage by name, case-insensitively (RUN --mount=from names stages only by name), or null. */
  StageState stageByName(String name) {
    return byName.get(name.toLowerCase(Locale.ROOT));
  }

  private void rejectVariable(String from, int line) throws DockerfileError {
    String expanded;
    try {
      expanded = lexer.processWord(from, Map.of());
    } catch (ExpansionException e) {
      expanded = "";
    }
    if (!expanded.equals(from)) {
      throw new DockerfileError(line, "variable expansion is not supported for --from, define a new stage with "
          + "FROM using ARG from global scope as a workaround");
    }
  }

  /** The stage a COPY --from names (by name or index), or null when it names an image. */
  StageState stageFor(String from, int line) throws DockerfileError {
    if (from.matches("-?[0-9]+")) {
      int index;
      try {
        index = Integer.parseInt(from);
      } catch (NumberFormatException e) {
        index = -1;
      }
      if (index < 0 || index >= states.size()) {
        throw new DockerfileError(line, "invalid stage index " + from);
      }
      return states.get(index);
    }
    return byName.get(from.toLowerCase(Locale.ROOT));
  }

  /** The target and every stage it needs (its base chain and COPY --from sources), in file order. */
  List<StageState> reachable() {
    Set<StageState> seen = new HashSet<>();
    List<StageState> todo = new ArrayList<>(List.of(target));
    while (!todo.isEmpty()) {
      StageState s = todo.remove(todo.size() - 1);
      if (seen.add(s)) {
        if (s.base != null) {
          todo.add(s.base);
        }
        todo.addAll(s.deps.keySet());
      }
    }
    return states.stream().filter(seen::contains).toList();
  }

  private static String expandBaseName(Stage stage, Map<String, String> globalArgs, ShellLexer lexer)
      throws DockerfileError {
    String raw = stage.from().baseName();
    String name;
    try {
      name = lexer.processWord(raw, globalArgs);
    } catch (ExpansionException e) {
      throw new DockerfileError(stage.from().source().startLine(), e.getMessage());
    }
    if (name.isEmpty()) {
      throw new DockerfileError(stage.from().source().startLine(),
          "base name (" + raw + ") should not be blank");
    }
    return name;
  }

  private void rejectBaseDefinedLater() throws DockerfileError {
    for (StageState s : states) {
      StageState later = byName.get(s.baseName.toLowerCase(Locale.ROOT));
      if (s.base == null && later != null && later != s) {
        throw new DockerfileError(s.fromLine(), "FROM " + s.baseName + ": stage "
            + GoText.quote(later.stage.name()) + " is defined later (line " + later.fromLine()
            + "); a stage can only build on an earlier one");
      }
    }
  }

  private StageState findTarget(String name) throws DockerfileError {
    if (name.isEmpty()) {
      return states.get(states.size() - 1);
    }
    StageState t = byName.get(name.toLowerCase(Locale.ROOT));
    if (t == null) {
      List<String> names = states.stream().map(s -> s.stage.name()).filter(n -> !n.isEmpty()).toList();
      String message = "target stage " + GoText.quote(name) + " could not be found";
      throw new DockerfileError(0, Suggestions.withSuggestion(message, name, names, false)
          + (names.isEmpty() ? "" : " (stages: " + String.join(", ", names) + ")"));
    }
    return t;
  }

  private void rejectCycles() throws DockerfileError {
    Set<StageState> done = new HashSet<>();
    for (StageState s : states) {
      visit(s, new LinkedHashSet<>(), done);
    }
  }

  private void visit(StageState s, Set<StageState> path, Set<StageState> done) throws DockerfileError {
    if (done.contains(s)) {
      return;
    }
    path.add(s);
    for (Map.Entry<StageState, Integer> dep : s.deps.entrySet()) {
      if (path.contains(dep.getKey())) {
        throw new DockerfileError(dep.getValue(), "circular dependency detected on stage: "
            + (dep.getKey().label.isEmpty() ? dep.getKey().metaStage() : dep.getKey().label));
      }
      visit(dep.getKey(), path, done);
    }
    path.remove(s);
    done.add(s);
  }
}

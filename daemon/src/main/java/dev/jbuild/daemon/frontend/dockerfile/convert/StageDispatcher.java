package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.instructions.RunMount;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionResult;
import dev.jbuild.daemon.frontend.dockerfile.shell.LexOptions;
import dev.jbuild.daemon.frontend.dockerfile.shell.ShellLexer;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Carries out one stage's instructions in order (BuildKit's dispatch): expands each instruction's words
 * against the stage's environment, then changes the config or adds a vertex.
 */
final class StageDispatcher {
  /** Resolves a COPY --from that names an image rather than a stage into a vertex. */
  @FunctionalInterface
  interface ImageSources {
    String vertexFor(String ref, StageState user, int line) throws DockerfileError;
  }

  private final ShellLexer lexer;
  private final GraphWriter graph;
  private final StagePlan plan;
  private final Map<String, String> buildArgs;
  private final Map<String, String> globalArgs;
  private final Set<String> consumedArgs;
  private final ImageSources images;
  private final ConvertOptions.Purpose purpose;
  private final BuildChecks checks;
  /** RUN's progress name keeps quotes and unset variables. */
  private final ShellLexer nameLexer;

  StageDispatcher(ShellLexer lexer, GraphWriter graph, StagePlan plan, Map<String, String> buildArgs,
      Map<String, String> globalArgs, Set<String> consumedArgs, ImageSources images,
      ConvertOptions.Purpose purpose, BuildChecks checks) {
    this.purpose = purpose;
    this.checks = checks;
    this.nameLexer = new ShellLexer(lexer.escape(), LexOptions.COMMAND_NAME);
    this.lexer = lexer;
    this.graph = graph;
    this.plan = plan;
    this.buildArgs = buildArgs;
    this.globalArgs = globalArgs;
    this.consumedArgs = consumedArgs;
    this.images = images;
  }

  void dispatch(StageState d, Instruction raw) throws DockerfileError {
    int line = raw.source().startLine();
    Instruction c;
    Set<String> unmatched = new TreeSet<>();
    try {
      c = raw instanceof Instruction.Arg ? raw : raw.expand(word -> expand(lexer, word, d, unmatched));
      c = c.expandRaw(word -> expand(HEREDOC_BODY, word, d, unmatched));
    } catch (ExpansionException e) {
      throw new DockerfileError(line, e.getMessage());
    } finally {
      reportUndefined(d, unmatched, line);
    }
    if (c instanceof Instruction.Env env) {
      ConfigInstructions.env(d, env);
    } else if (c instanceof Instruction.Label label) {
      ConfigInstructions.label(d, label);
    } else if (c instanceof Instruction.User user) {
      ConfigInstructions.user(d, user);
    } else if (c instanceof Instruction.Cmd cmd) {
      ConfigInstructions.cmd(d, cmd);
    } else if (c instanceof Instruction.Entrypoint ep) {
      ConfigInstructions.entrypoint(d, ep);
    } else if (c instanceof Instruction.Expose expose) {
      ConfigInstructions.expose(d, expose, lexer);
    } else if (c instanceof Instruction.Maintainer m) {
      ConfigInstructions.maintainer(d, m);
    } else if (c instanceof Instruction.StopSignal s) {
      ConfigInstructions.stopSignal(d, s);
    } else if (c instanceof Instruction.Volume v) {
      ConfigInstructions.volume(d, v);
    } else if (c instanceof Instruction.Shell s) {
      ConfigInstructions.shell(d, s);
    } else if (c instanceof Instruction.Arg arg) {
      arg(d, arg);
    } else if (c instanceof Instruction.Workdir w) {
      FileInstructions.workdir(d, w, i -> name(d, i), graph);
    } else if (c instanceof Instruction.Copy copy) {
      String source = copySource(d, copy);
      FileInstructions.copy(d, copy, source, name(d, copy), graph);
    } else if (c instanceof Instruction.Add add) {
      // the context is an input only when a source is in it (an ADD of URLs alone reads nothing from the client)
      boolean local = add.sources().stream().anyMatch(s -> !RemoteSources.isHttp(s) && !RemoteSources.isGit(s));
      FileInstructions.add(d, add, local ? graph.context() : null, name(d, add), graph);
    } else if (c instanceof Instruction.Run run) {
      for (RunMount m : run.mounts()) {
        refuseInBuild(line, m.type() == RunMount.Type.BIND || m.type() == RunMount.Type.TMPFS ? null
            : "RUN --mount=type=" + m.type().name().toLowerCase(Locale.ROOT));
      }
      RunScript script = RunScript.of(run, graph, d.metaStage());
      RunInstructions.run(d, run, script, m -> mountSource(d, m, line), runName(d, run, script), graph);
    } else if (c instanceof Instruction.Healthcheck h) {
      ConfigInstructions.healthcheck(d, h);
    } else if (c instanceof Instruction.Onbuild ob) {
      ConfigInstructions.onbuild(d, ob);
    } else {
      throw new IllegalStateException("unexpected instruction in a stage: " + c.source().name());
    }
  }

  /** BUILD cannot run {@code what} yet: fail at its line rather than build something else. */
  private void refuseInBuild(int line, String what) throws DockerfileError {
    if (what != null && purpose == ConvertOptions.Purpose.BUILD) {
      throw new DockerfileError(line, what + " is not supported yet");
    }
  }

  /** Heredoc bodies of COPY and ADD: only variables expand, with the default escape (as BuildKit). */
  private static final ShellLexer HEREDOC_BODY = new ShellLexer('\\', LexOptions.HEREDOC_BODY);

  private static String expand(ShellLexer lexer, String word, StageState d, Set<String> unmatched)
      throws ExpansionException {
    ExpansionResult r = lexer.process(word, d.env);
    unmatched.addAll(r.unmatched());
    return r.result();
  }

  /** BuildKit's reportUnmatchedVariables: a stage's declared ARGs count as defined even without a value. */
  private void reportUndefined(StageState d, Set<String> unmatched, int line) {
    if (!unmatched.isEmpty()) {
      List<String> declared = d.buildArgs.stream().map(Instruction.ArgDefinition::key).toList();
      checks.undefinedVars(unmatched, declared, d.env.keySet(), line);
    }
  }

  /**
   * RUN's progress name as BuildKit's: the text as written (plus a heredoc's summary), expanded keeping quotes
   * and unset variables, keyword upper-cased.
   */
  private String runName(StageState d, Instruction.Run run, RunScript script) {
    String code = run.source().code() + script.nameSuffix();
    String expanded;
    try {
      expanded = nameLexer.processWord(code, d.env);
    } catch (ExpansionException e) {
      expanded = code;
    }
    String[] parts = expanded.split(" ", 2);
    return d.progressName(parts[0].toUpperCase(Locale.ROOT) + (parts.length > 1 ? " " + parts[1] : ""));
  }

  /** A RUN mount's input: the stage or image it names, the build context for a bind without one, or none. */
  private String mountSource(StageState d, dev.jbuild.daemon.frontend.dockerfile.instructions.RunMount m, int line)
      throws DockerfileError {
    if (m.from().isEmpty()) {
      return graph.context();
    }
    StageState from = plan.stageByName(m.from());
    if (from == null) {
      return images.vertexFor(m.from(), d, line);
    }
    if (!from.dispatched || from == d) {
      throw new DockerfileError(line, "cannot mount from stage " + GoText.quote(m.from())
          + ", it needs to be defined before current stage " + GoText.quote(d.label.isEmpty()
          ? d.metaStage() : d.label));
    }
    return from.vertex != null ? from.vertex : graph.emptyTree(from.metaStage());
  }

  /** The progress name: the instruction text with variables expanded, keyword upper-cased, numbered. */
  String name(StageState d, Instruction i) {
    String code = i.source().code();
    String expanded;
    try {
      expanded = lexer.processWord(code, d.env);
    } catch (ExpansionException e) {
      expanded = code;
    }
    String[] parts = expanded.split(" ", 2);
    String command = parts[0].toUpperCase(Locale.ROOT) + (parts.length > 1 ? " " + parts[1] : "");
    return d.progressName(command);
  }

  private String copySource(StageState d, Instruction.Copy c) throws DockerfileError {
    int line = c.source().startLine();
    if (c.from().isEmpty()) {
      return graph.context();
    }
    StageState from = plan.stageFor(c.from(), line);
    if (from == null) {
      return images.vertexFor(c.from(), d, line);
    }
    if (!from.dispatched || from == d) {
      throw new DockerfileError(line, "cannot copy from stage " + GoText.quote(c.from())
          + ", it needs to be defined before current stage " + GoText.quote(d.label.isEmpty()
          ? d.metaStage() : d.label));
    }
    return from.vertex != null ? from.vertex : graph.emptyTree(from.metaStage());
  }

  /** ARG as BuildKit's dispatchArg: --build-arg wins, else the default (expanded), else a global ARG. */
  private void arg(StageState d, Instruction.Arg c) throws DockerfileError {
    List<String> shown = new ArrayList<>();
    for (Instruction.ArgDefinition def : c.args()) {
      String key = def.key();
      String value = def.defaultValue();
      if (buildArgs.containsKey(key)) {
        value = buildArgs.get(key);
        consumedArgs.add(key);
      } else if (value != null) {
        Set<String> unmatched = new TreeSet<>();
        try {
          value = expand(lexer, value, d, unmatched);
        } catch (ExpansionException e) {
          throw new DockerfileError(c.source().startLine(), e.getMessage());
        } finally {
          reportUndefined(d, unmatched, c.source().startLine());
        }
      } else if (globalArgs.containsKey(key)) {
        value = globalArgs.get(key);
      }
      if (value != null) {
        d.env.remove(key);
        d.env.put(key, value);
      }
      d.buildArgs.add(new Instruction.ArgDefinition(key, value));
      shown.add(value == null ? key : key + "=" + value);
    }
    d.commit("ARG " + String.join(" ", shown), false);
  }
}

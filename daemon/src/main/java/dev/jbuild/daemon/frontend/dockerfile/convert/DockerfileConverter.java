package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.DockerfileInstructions;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import dev.jbuild.daemon.frontend.dockerfile.shell.ShellLexer;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.images.ImageName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage graph to step graph (BuildKit's dockerfile2llb): global ARGs, stage bases, the target and what it
 * needs, then each needed stage's instructions in file order. Only needed stages become vertices.
 */
public final class DockerfileConverter {
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY",
      "ALL_PROXY");

  private final ConvertOptions options;
  private final BaseImages baseImages;
  private final ShellLexer lexer;
  private final GraphWriter graph;
  private final Set<String> consumedArgs = new HashSet<>();
  private final Map<String, String> imageVertices = new HashMap<>();
  private final List<Conversion.Warning> warnings = new ArrayList<>();
  private final Set<String> unresolvedWarned = new HashSet<>();
  private final BuildChecks checks;

  private DockerfileConverter(ConvertOptions options, BaseImages baseImages) {
    this.options = options;
    this.baseImages = baseImages;
    this.lexer = new ShellLexer(options.escapeToken());
    this.graph = new GraphWriter(options);
    this.checks = new BuildChecks(options.checks());
  }

  public static Conversion convert(DockerfileInstructions dockerfile, ConvertOptions options,
      BaseImages baseImages) throws DockerfileError {
    return new DockerfileConverter(options, baseImages).run(dockerfile);
  }

  private Conversion run(DockerfileInstructions dockerfile) throws DockerfileError {
    String targetName = options.target().isEmpty() && !dockerfile.stages().isEmpty()
        ? dockerfile.stages().get(dockerfile.stages().size() - 1).name() : options.target();
    Map<String, String> globalArgs = globalArgs(dockerfile.metaArgs(), targetName);
    StagePlan plan = new StagePlan(dockerfile.stages(), globalArgs, lexer, options.target());
    for (var stage : dockerfile.stages()) {
      checks.fromAsCasing(stage.from()); // a parse-time check in BuildKit: every stage, needed or not
    }
    StageDispatcher dispatcher = new StageDispatcher(lexer, graph, plan, options.buildArgs(), globalArgs,
        consumedArgs, this::imageVertex, options.purpose(), checks);
    for (StageState d : resolveStages(plan)) {
      start(d);
      int triggers = d.triggers.size();
      List<Instruction> commands = d.commands();
      for (int i = 0; i < commands.size(); i++) {
        d.cmdIsOnBuild = i < triggers;
        dispatcher.dispatch(d, commands.get(i));
      }
      d.cmdIsOnBuild = false;
      d.dispatched = true;
    }
    StageState target = plan.target;
    String output = target.vertex != null ? target.vertex : graph.emptyTree(target.metaStage());
    warnings.addAll(checks.warnings());
    warnings.addAll(unusedArgWarnings());
    checks.failIfViolated();
    return new Conversion(graph.build(output), target.toImage(), warnings);
  }

  /**
   * BuildKit's resolveStages: resolve the base images of the stages the target needs, then their ONBUILD
   * triggers, which may read more stages (COPY --from in a trigger); repeat until no stage is added.
   */
  private List<StageState> resolveStages(StagePlan plan) throws DockerfileError {
    while (true) {
      List<StageState> reachable = plan.reachable();
      boolean newDeps = false;
      for (StageState d : reachable) {
        if (d.base == null && !d.resolved) {
          d.resolved = true;
          if (!d.baseName.equals("scratch")) {
            d.baseImage = resolve(d.baseName, "FROM", d.fromLine());
          }
        }
        if (!d.onBuildInit) {
          d.onBuildInit = true;
          List<String> expressions = OnBuildTriggers.inherited(d);
          if (!expressions.isEmpty()) {
            d.triggers.addAll(OnBuildTriggers.parse(expressions, d));
            newDeps |= plan.addDeps(d, d.triggers);
          }
        }
      }
      if (!newDeps) {
        return reachable;
      }
    }
  }

  /** Automatic platform ARGs, then the ARGs before the first FROM (--build-arg wins over a default). */
  private Map<String, String> globalArgs(List<Instruction.Arg> metaArgs, String targetName)
      throws DockerfileError {
    Map<String, String> args = new LinkedHashMap<>();
    for (String prefix : List.of("BUILD", "TARGET")) {
      args.put(prefix + "PLATFORM", "linux/amd64");
      args.put(prefix + "OS", "linux");
      args.put(prefix + "ARCH", "amd64");
      args.put(prefix + "VARIANT", "");
    }
    args.put("TARGETSTAGE", targetName);
    for (Instruction.Arg arg : metaArgs) {
      for (Instruction.ArgDefinition def : arg.args()) {
        String value = def.defaultValue();
        if (options.buildArgs().containsKey(def.key())) {
          value = options.buildArgs().get(def.key());
          consumedArgs.add(def.key());
        } else if (value != null) {
          try {
            value = lexer.processWord(value, args);
          } catch (ExpansionException e) {
            throw new DockerfileError(arg.source().startLine(), e.getMessage());
          }
        }
        if (value != null) {
          args.put(def.key(), value);
        }
      }
    }
    return args;
  }

  /** Sets a stage's starting tree and config: its base stage's, scratch's, or a resolved image's. */
  private void start(StageState d) throws DockerfileError {
    Instruction.From from = d.stage.from();
    if (!from.platform().isEmpty()) {
      throw new DockerfileError(d.fromLine(), "FROM --platform is not supported yet");
    }
    d.cmdTotal = countSteps(d) + d.triggers.size(); // BuildKit counts every trigger, even ENV
    if (d.base != null) {
      d.inheritFrom(d.base);
    } else if (d.baseName.equals("scratch")) {
      d.image = ImageConfig.scratch();
      d.config = d.image.config().toBuilder().workingDir("/");
    } else {
      BaseImages.BaseImage image = d.baseImage;
      d.image = image.config();
      d.config = image.config().config().toBuilder();
      d.history.addAll(image.config().history());
      if (!image.isEmpty()) {
        d.vertex = graph.image(image.ref(), d.progressName("FROM " + image.ref()), d.metaStage(),
            from.source());
      }
    }
    d.config.clearOnBuild(); // triggers run in this stage; they do not carry over to its image
    if (d.currentConfig().envValue("PATH") == null) {
      d.config.env("PATH", DEFAULT_PATH); // BuildKit always sets PATH, scratch included
    }
    List<String> env = d.currentConfig().env();
    for (String e : env == null ? List.<String>of() : env) {
      int eq = e.indexOf('=');
      d.env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
  }

  /** BuildKit numbers COPY, ADD, RUN and WORKDIR steps, and the FROM of an image. */
  private static int countSteps(StageState d) {
    int total = d.base == null && !d.baseName.equals("scratch") ? 1 : 0;
    for (Instruction i : d.stage.commands()) {
      String name = i.source().name();
      if (name.equals("COPY") || name.equals("ADD") || name.equals("RUN") || name.equals("WORKDIR")) {
        total++;
      }
    }
    return total;
  }

  private String imageVertex(String ref, StageState user, int line) throws DockerfileError {
    String known = imageVertices.get(ref);
    if (known != null) {
      return known;
    }
    BaseImages.BaseImage image = resolve(ref, "COPY --from=", line);
    String vertex = image.isEmpty() ? graph.emptyTree(user.metaStage())
        : graph.image(image.ref(), "[internal] load " + image.ref(), user.metaStage(), null);
    imageVertices.put(ref, vertex);
    return vertex;
  }

  /** The resolver's answer; for a graph, an image it cannot find is drawn by its name, with a warning. */
  private BaseImages.BaseImage resolve(String ref, String how, int line) throws DockerfileError {
    String where = how + (how.endsWith("=") ? "" : " ") + ref;
    try {
      return baseImages.resolve(ref);
    } catch (BaseImages.BaseImageException e) {
      if (options.purpose() != ConvertOptions.Purpose.GRAPH) {
        throw new DockerfileError(line, where + ": " + e.getMessage());
      }
      String name;
      try {
        name = ImageName.parse(ref).toString();
      } catch (IllegalArgumentException invalid) {
        throw new DockerfileError(line, where + ": " + invalid.getMessage());
      }
      if (unresolvedWarned.add(name)) {
        warnings.add(new Conversion.Warning(where + ": " + e.getMessage()
            + "; shown by name, without its config (ENV, WORKDIR, USER, ONBUILD)", line));
      }
      return BaseImages.BaseImage.unresolved(name);
    }
  }

  private List<Conversion.Warning> unusedArgWarnings() {
    TreeSet<String> unused = new TreeSet<>();
    for (String key : options.buildArgs().keySet()) {
      if (!consumedArgs.contains(key) && !PROXY_ARGS.contains(key.toUpperCase(java.util.Locale.ROOT))) {
        unused.add(key);
      }
    }
    List<Conversion.Warning> warnings = new ArrayList<>();
    if (!unused.isEmpty()) {
      warnings.add(new Conversion.Warning("[Warning] One or more build-args ["
          + String.join(" ", unused) + "] were not consumed", 0));
    }
    return warnings;
  }
}

package dev.jbuild.daemon.frontend.dockerfile.instructions;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction.ArgDefinition;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction.KeyValue;
import dev.jbuild.daemon.frontend.dockerfile.parser.Node;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import dev.jbuild.daemon.frontend.dockerfile.text.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Validates one parsed {@link Node} into a typed {@link Instruction} (BuildKit's instructions/parse.go). */
public final class InstructionParser {
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
  private static final List<String> ALL = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
      "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER",
      "VOLUME", "WORKDIR");

  private InstructionParser() {}

  public static Instruction parse(Node node) throws DockerfileError {
    return parse(node, node.startLine(), node.endLine());
  }

  /**
   * Parses a node placed on other lines: an ONBUILD trigger run by a stage is located at that stage's FROM
   * (as BuildKit resets a trigger's location).
   */
  public static Instruction parse(Node node, int startLine, int endLine) throws DockerfileError {
    try {
      return parseChecked(node, new InstructionSource(node.keyword(), GoText.trimSpace(node.original()),
          startLine, endLine));
    } catch (InstructionException e) {
      throw new DockerfileError(startLine, e.getMessage());
    }
  }

  private static Instruction parseChecked(Node node, InstructionSource src) throws InstructionException {
    List<String> args = node.args();
    Flags flags = new Flags(node.flags());
    String name = node.name();
    return switch (name) {
      case "from" -> from(src, args, flags);
      case "copy" -> copy(src, node, flags);
      case "add" -> MoreInstructionParsers.add(src, node, flags);
      case "run" -> MoreInstructionParsers.run(src, node, flags);
      case "healthcheck" -> MoreInstructionParsers.healthcheck(src, node, flags);
      case "onbuild" -> MoreInstructionParsers.onbuild(src, node, flags);
      case "env" -> new Instruction.Env(src, keyValues(args, "ENV", flags));
      case "label" -> new Instruction.Label(src, keyValues(args, "LABEL", flags));
      case "workdir" -> new Instruction.Workdir(src, exactlyOne(args, "WORKDIR", flags));
      case "user" -> new Instruction.User(src, exactlyOne(args, "USER", flags));
      case "maintainer" -> new Instruction.Maintainer(src, exactlyOne(args, "MAINTAINER", flags));
      case "stopsignal" -> new Instruction.StopSignal(src, exactlyOne(args, "STOPSIGNAL", flags));
      case "cmd" -> {
        flags.parse();
        yield new Instruction.Cmd(src, MoreInstructionParsers.commandLine(args, node.json()), !node.json());
      }
      case "entrypoint" -> {
        flags.parse();
        yield new Instruction.Entrypoint(src, MoreInstructionParsers.commandLine(args, node.json()), !node.json());
      }
      case "expose" -> {
        atLeastOne(args, "EXPOSE");
        flags.parse();
        yield new Instruction.Expose(src, args.stream().sorted().toList());
      }
      case "volume" -> volume(src, args, flags);
      case "arg" -> arg(src, args, flags);
      case "shell" -> shell(src, args, flags, node.json());
      default -> throw new InstructionException(Suggestions.withSuggestion(
          "unknown instruction: " + node.keyword(), node.keyword(), ALL, false));
    };
  }

  private static Instruction from(InstructionSource src, List<String> args, Flags flags)
      throws InstructionException {
    String stageName = "";
    if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
      stageName = args.get(2).toLowerCase(java.util.Locale.ROOT);
      if (!STAGE_NAME.matcher(stageName).matches()) {
        throw new InstructionException("invalid name for build stage: " + GoText.quote(args.get(2))
            + ", name can't start with a number or contain symbols");
      }
    } else if (args.size() != 1) {
      throw new InstructionException("FROM requires either one or three arguments");
    }
    flags.string("platform").parse();
    return new Instruction.From(src, args.get(0), stageName, args.size() == 3 ? args.get(1) : "",
        flags.value("platform"));
  }

  private static Instruction copy(InstructionSource src, Node node, Flags flags) throws InstructionException {
    List<String> args = node.args();
    if (args.size() < 2) {
      throw new InstructionException(
          "COPY requires at least two arguments, but only one was provided. Destination could not be determined");
    }
    flags.string("from").string("chown").string("chmod").bool("link").bool("parents").strings("exclude")
        .parse();
    SourcesAndDest sd = SourcesAndDest.parse(args, node.heredocs(), "COPY");
    return new Instruction.Copy(src, sd.paths(), sd.contents(), sd.dest(), flags.value("from"), flags.value("chown"), flags.value("chmod"), flags.isTrue("link"),
        flags.isTrue("parents"), flags.values("exclude"));
  }

  /** ENV/LABEL triples (key, value, separator) from the parser. */
  private static List<KeyValue> keyValues(List<String> args, String keyword, Flags flags)
      throws InstructionException {
    flags.parse();
    atLeastOne(args, keyword);
    if (args.size() % 3 != 0) {
      throw new InstructionException("Bad input to " + keyword + ", too many arguments");
    }
    List<KeyValue> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i += 3) {
      if (args.get(i).isEmpty()) {
        throw new InstructionException(keyword + " names can not be blank");
      }
      out.add(new KeyValue(args.get(i), args.get(i + 1), args.get(i + 2).isEmpty()));
    }
    return out;
  }

  private static String exactlyOne(List<String> args, String keyword, Flags flags) throws InstructionException {
    if (args.size() != 1) {
      throw new InstructionException(keyword + " requires exactly one argument");
    }
    flags.parse();
    return args.get(0);
  }

  private static void atLeastOne(List<String> args, String keyword) throws InstructionException {
    if (args.isEmpty()) {
      throw new InstructionException(keyword + " requires at least one argument");
    }
  }

  private static Instruction volume(InstructionSource src, List<String> args, Flags flags)
      throws InstructionException {
    atLeastOne(args, "VOLUME");
    flags.parse();
    List<String> volumes = new ArrayList<>();
    for (String v : args) {
      String trimmed = GoText.trimSpace(v);
      if (trimmed.isEmpty()) {
        throw new InstructionException("VOLUME specified can not be an empty string");
      }
      volumes.add(trimmed);
    }
    return new Instruction.Volume(src, volumes);
  }

  private static Instruction arg(InstructionSource src, List<String> args, Flags flags)
      throws InstructionException {
    atLeastOne(args, "ARG");
    flags.parse();
    List<ArgDefinition> defs = new ArrayList<>();
    for (String word : args) {
      int eq = word.indexOf('=');
      if (eq == 0) {
        throw new InstructionException("ARG names can not be blank");
      }
      defs.add(eq < 0 ? new ArgDefinition(word, null) : new ArgDefinition(word.substring(0, eq),
          word.substring(eq + 1)));
    }
    return new Instruction.Arg(src, defs);
  }

  private static Instruction shell(InstructionSource src, List<String> args, Flags flags, boolean json)
      throws InstructionException {
    flags.parse();
    if (args.isEmpty()) {
      throw new InstructionException("SHELL requires at least one argument");
    }
    if (!json) {
      throw new InstructionException("SHELL requires the arguments to be in JSON form");
    }
    return new Instruction.Shell(src, args);
  }
}

package dev.jbuild.daemon.frontend.dockerfile.instructions;

import dev.jbuild.daemon.frontend.dockerfile.parser.Heredoc;
import dev.jbuild.daemon.frontend.dockerfile.parser.Node;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import dev.jbuild.daemon.frontend.dockerfile.text.GoDuration;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** RUN, ADD, HEALTHCHECK and ONBUILD as BuildKit's parse.go and its RUN hooks read them. */
final class MoreInstructionParsers {
  private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^\\s*ONBUILD\\s*");
  private static final long MINIMUM_DURATION = 1_000_000L; // docker's container.MinimumDuration, 1ms

  private MoreInstructionParsers() {}

  static Instruction.Run run(InstructionSource src, Node node, Flags flags) throws InstructionException {
    flags.strings("mount").string("network").string("security").parse();
    String network = flags.isUsed("network") ? flags.value("network") : "default";
    if (!List.of("default", "none", "host").contains(network)) {
      throw new InstructionException("unsupported network mode " + GoText.quote(network));
    }
    String security = flags.isUsed("security") ? flags.value("security") : "sandbox";
    if (!List.of("sandbox", "insecure").contains(security)) {
      throw new InstructionException("unsupported security mode " + GoText.quote(security));
    }
    List<String> specs = flags.values("mount");
    List<RunMount> mounts = new ArrayList<>();
    for (String spec : specs) {
      RunMountParser.checkUnexpanded(spec);
      if (!spec.contains("$")) {
        try {
          mounts.add(RunMountParser.parse(spec, word -> word));
        } catch (ExpansionException impossible) {
          throw new IllegalStateException(impossible);
        }
      }
    }
    List<InlineFile> files = new ArrayList<>();
    for (Heredoc h : node.heredocs()) {
      files.add(new InlineFile(h.name(), h.content(), h.chomp()));
    }
    return new Instruction.Run(src, commandLine(node.args(), node.json()), files, !node.json(), specs, mounts,
        network, security);
  }

  static Instruction.Add add(InstructionSource src, Node node, Flags flags) throws InstructionException {
    List<String> args = node.args();
    if (args.size() < 2) {
      throw new InstructionException(
          "ADD requires at least two arguments, but only one was provided. Destination could not be determined");
    }
    flags.string("chown").string("chmod").bool("link").bool("keep-git-dir").string("checksum").bool("unpack")
        .strings("exclude").parse();
    Boolean unpack = flags.isUsed("unpack") ? flags.isTrue("unpack") : null;
    SourcesAndDest sd = SourcesAndDest.parse(args, node.heredocs(), "ADD");
    return new Instruction.Add(src, sd.paths(), sd.contents(), sd.dest(), flags.value("chown"), flags.value("chmod"), flags.isTrue("link"), flags.isTrue("keep-git-dir"),
        flags.value("checksum"), unpack, flags.values("exclude"));
  }

  static Instruction.Healthcheck healthcheck(InstructionSource src, Node node, Flags flags)
      throws InstructionException {
    List<String> args = node.args();
    if (args.isEmpty()) {
      throw new InstructionException("HEALTHCHECK requires at least one argument");
    }
    String type = args.get(0).toUpperCase(Locale.ROOT);
    List<String> rest = args.subList(1, args.size());
    if (type.equals("NONE")) {
      if (!rest.isEmpty()) {
        throw new InstructionException("HEALTHCHECK NONE takes no arguments");
      }
      return new Instruction.Healthcheck(src, List.of("NONE"), 0, 0, 0, 0, 0);
    }
    flags.string("interval").string("timeout").string("start-period").string("start-interval").string("retries")
        .parse();
    if (!type.equals("CMD")) {
      throw new InstructionException("Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)");
    }
    List<String> cmd = commandLine(rest, node.json());
    if (cmd.isEmpty()) {
      throw new InstructionException("Missing command after HEALTHCHECK CMD");
    }
    List<String> test = new ArrayList<>();
    test.add(node.json() ? "CMD" : "CMD-SHELL");
    test.addAll(cmd);
    int retries = 0;
    if (!flags.value("retries").isEmpty()) {
      String value = flags.value("retries");
      long parsed;
      try {
        parsed = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new InstructionException("strconv.ParseInt: parsing " + GoText.quote(value) + ": invalid syntax");
      }
      if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
        throw new InstructionException("strconv.ParseInt: parsing " + GoText.quote(value)
            + ": value out of range");
      }
      if (parsed < 0) {
        throw new InstructionException("--retries cannot be negative (" + parsed + ")");
      }
      retries = (int) parsed;
    }
    return new Instruction.Healthcheck(src, test, interval(flags, "interval"), interval(flags, "timeout"),
        interval(flags, "start-period"), interval(flags, "start-interval"), retries);
  }

  /** BuildKit's parseOptInterval: empty is 0, else at least 1ms. */
  private static long interval(Flags flags, String name) throws InstructionException {
    String value = flags.value(name);
    if (value.isEmpty()) {
      return 0;
    }
    long d;
    try {
      d = GoDuration.parse(value);
    } catch (GoDuration.DurationException e) {
      throw new InstructionException(e.getMessage());
    }
    if (d != 0 && d < MINIMUM_DURATION) {
      throw new InstructionException("Interval " + GoText.quote(name) + " cannot be less than "
          + GoDuration.format(MINIMUM_DURATION));
    }
    return d;
  }

  static Instruction.Onbuild onbuild(InstructionSource src, Node node, Flags flags) throws InstructionException {
    Node trigger = node.trigger();
    if (trigger == null) {
      throw new InstructionException("ONBUILD requires at least one argument");
    }
    flags.parse();
    String keyword = trigger.keyword().toUpperCase(Locale.ROOT);
    switch (keyword) {
      case "ONBUILD" -> throw new InstructionException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      case "MAINTAINER", "FROM" -> throw new InstructionException(keyword + " isn't allowed as an ONBUILD trigger");
      default -> { }
    }
    // the bodies follow the trigger, so that parsing the stored expression again finds them (as BuildKit)
    StringBuilder expression = new StringBuilder(ONBUILD_PREFIX.matcher(node.original()).replaceFirst(""));
    for (Heredoc h : node.heredocs()) {
      expression.append('\n').append(h.content()).append(h.name());
    }
    return new Instruction.Onbuild(src, expression.toString());
  }

  /** BuildKit's handleJSONArgs: the JSON elements, or the shell form as one string. */
  static List<String> commandLine(List<String> args, boolean json) {
    if (args.isEmpty() || json) {
      return args;
    }
    return List.of(String.join(" ", args));
  }
}

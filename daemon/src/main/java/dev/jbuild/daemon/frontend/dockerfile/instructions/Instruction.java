package dev.jbuild.daemon.frontend.dockerfile.instructions;

import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import java.util.ArrayList;
import java.util.List;

/**
 * A typed, validated Dockerfile instruction (BuildKit's instructions.Command). Values are as written;
 * the conversion expands variables when it reaches the instruction ({@link #expand}), because they
 * depend on the ENV and ARG before it.
 */
public sealed interface Instruction {
  InstructionSource source();

  /** The instruction with its words expanded (BuildKit's SupportsSingleWordExpansion); most keep theirs. */
  default Instruction expand(WordExpander e) throws ExpansionException {
    return this;
  }

  /**
   * The instruction with its heredoc bodies expanded by a lexer that touches only variables (BuildKit's
   * SupportsSingleWordExpansionRaw): quotes and backslashes in a body stay as written.
   */
  default Instruction expandRaw(WordExpander e) throws ExpansionException {
    return this;
  }

  /** A key and value of ENV or LABEL; {@code legacy} for the {@code KEY value} form without "=". */
  record KeyValue(String key, String value, boolean legacy) {
    @Override
    public String toString() {
      return key + "=" + value;
    }

    KeyValue expand(WordExpander e) throws ExpansionException {
      return new KeyValue(e.expand(key), e.expand(value), legacy);
    }
  }

  /**
   * FROM: starts a stage. {@code stageName} is lower-cased, "" when unnamed; {@code asKeyword} is the "AS"
   * word as written ("" when unnamed), for the FromAsCasing check.
   */
  record From(InstructionSource source, String baseName, String stageName, String asKeyword, String platform)
      implements Instruction {}

  /**
   * COPY [--from] [--chown] [--chmod] [--link] [--parents] [--exclude]... src... dest. Sources written as
   * {@code <<EOF} are in {@code contents}, the others in {@code sources}.
   */
  record Copy(InstructionSource source, List<String> sources, List<SourceContent> contents, String dest,
      String from, String chown, String chmod, boolean link, boolean parents, List<String> excludes)
      implements Instruction {
    public Copy {
      sources = List.copyOf(sources);
      contents = List.copyOf(contents);
      excludes = List.copyOf(excludes);
    }

    @Override
    public Copy expand(WordExpander e) throws ExpansionException {
      return new Copy(source, expandAll(sources, e), contents, e.expand(dest), from, e.expand(chown),
          e.expand(chmod), link, parents, expandAll(excludes, e));
    }

    @Override
    public Copy expandRaw(WordExpander e) throws ExpansionException {
      return new Copy(source, sources, expandContents(contents, e), dest, from, chown, chmod, link, parents,
          excludes);
    }
  }

  /**
   * ADD [--chown] [--chmod] [--link] [--keep-git-dir] [--checksum] [--unpack] [--exclude]... src... dest;
   * {@code unpack} is null when not given (BuildKit then unpacks local archives, not remote ones).
   */
  record Add(InstructionSource source, List<String> sources, List<SourceContent> contents, String dest,
      String chown, String chmod, boolean link, boolean keepGitDir, String checksum, Boolean unpack,
      List<String> excludes) implements Instruction {
    public Add {
      sources = List.copyOf(sources);
      contents = List.copyOf(contents);
      excludes = List.copyOf(excludes);
    }

    @Override
    public Add expand(WordExpander e) throws ExpansionException {
      return new Add(source, expandAll(sources, e), contents, e.expand(dest), e.expand(chown), e.expand(chmod),
          link, keepGitDir, e.expand(checksum), unpack, expandAll(excludes, e));
    }

    @Override
    public Add expandRaw(WordExpander e) throws ExpansionException {
      return new Add(source, sources, expandContents(contents, e), dest, chown, chmod, link, keepGitDir,
          checksum, unpack, excludes);
    }
  }

  /**
   * RUN [--mount=...]... [--network=default|none|host] [--security=sandbox|insecure] command. The command
   * is never expanded here (the shell does that); mount values are. {@code mounts} holds the typed mounts
   * of {@code mountSpecs}; before {@link #expand} a spec that uses variables is left out of it. {@code files}
   * are the heredocs of {@code RUN <<EOF}, never expanded here either (BuildKit leaves that to the shell).
   */
  record Run(InstructionSource source, List<String> cmdLine, List<InlineFile> files, boolean prependShell,
      List<String> mountSpecs, List<RunMount> mounts, String network, String security) implements Instruction {
    public Run {
      cmdLine = List.copyOf(cmdLine);
      files = List.copyOf(files);
      mountSpecs = List.copyOf(mountSpecs);
      mounts = List.copyOf(mounts);
    }

    /** The stages or images the mounts read from ({@code from=}), which never use variables. */
    public List<String> mountSources() {
      List<String> out = new ArrayList<>();
      for (String spec : mountSpecs) {
        try {
          for (String field : RunMountParser.csv(spec)) {
            int eq = field.indexOf('=');
            if (eq > 0 && field.substring(0, eq).equalsIgnoreCase("from") && eq + 1 < field.length()) {
              out.add(field.substring(eq + 1));
            }
          }
        } catch (InstructionException checkedAtParse) {
          // the parser already refused specs that are not CSV
        }
      }
      return out;
    }

    @Override
    public Run expand(WordExpander e) throws ExpansionException {
      List<RunMount> expanded = new ArrayList<>();
      for (String spec : mountSpecs) {
        try {
          expanded.add(RunMountParser.parse(spec, e));
        } catch (InstructionException invalid) {
          throw new ExpansionException(invalid.getMessage());
        }
      }
      return new Run(source, cmdLine, files, prependShell, mountSpecs, expanded, network, security);
    }
  }

  /**
   * HEALTHCHECK: {@code test} is ["NONE"], ["CMD", args...] or ["CMD-SHELL", command]; durations in
   * nanoseconds, 0 when not given (the runtime's default).
   */
  record Healthcheck(InstructionSource source, List<String> test, long interval, long timeout,
      long startPeriod, long startInterval, int retries) implements Instruction {
    public Healthcheck {
      test = List.copyOf(test);
    }
  }

  /** ONBUILD: the trigger as written after the keyword, stored in the image config and run by its users. */
  record Onbuild(InstructionSource source, String expression) implements Instruction {}

  record Env(InstructionSource source, List<KeyValue> pairs) implements Instruction {
    public Env {
      pairs = List.copyOf(pairs);
    }

    @Override
    public Env expand(WordExpander e) throws ExpansionException {
      List<KeyValue> out = new ArrayList<>();
      for (KeyValue kv : pairs) {
        out.add(kv.expand(e));
      }
      return new Env(source, out);
    }
  }

  record Label(InstructionSource source, List<KeyValue> pairs) implements Instruction {
    public Label {
      pairs = List.copyOf(pairs);
    }

    @Override
    public Label expand(WordExpander e) throws ExpansionException {
      List<KeyValue> out = new ArrayList<>();
      for (KeyValue kv : pairs) {
        out.add(kv.expand(e));
      }
      return new Label(source, out);
    }
  }

  record Workdir(InstructionSource source, String path) implements Instruction {
    @Override
    public Workdir expand(WordExpander e) throws ExpansionException {
      return new Workdir(source, e.expand(path));
    }
  }

  record User(InstructionSource source, String user) implements Instruction {
    @Override
    public User expand(WordExpander e) throws ExpansionException {
      return new User(source, e.expand(user));
    }
  }

  /** CMD; {@code prependShell} for the shell form (one element, run by the image's shell). */
  record Cmd(InstructionSource source, List<String> cmdLine, boolean prependShell) implements Instruction {
    public Cmd {
      cmdLine = List.copyOf(cmdLine);
    }
  }

  record Entrypoint(InstructionSource source, List<String> cmdLine, boolean prependShell)
      implements Instruction {
    public Entrypoint {
      cmdLine = List.copyOf(cmdLine);
    }
  }

  /** EXPOSE; ports are expanded into several words by the conversion (BuildKit's ProcessWords). */
  record Expose(InstructionSource source, List<String> ports) implements Instruction {
    public Expose {
      ports = List.copyOf(ports);
    }
  }

  /** One ARG name with its default; {@code defaultValue} is null when none is given. */
  record ArgDefinition(String key, String defaultValue) {}

  /** ARG; its values are expanded by the conversion (a default overridden by --build-arg never is). */
  record Arg(InstructionSource source, List<ArgDefinition> args) implements Instruction {
    public Arg {
      args = List.copyOf(args);
    }
  }

  record Maintainer(InstructionSource source, String maintainer) implements Instruction {}

  record StopSignal(InstructionSource source, String signal) implements Instruction {
    @Override
    public StopSignal expand(WordExpander e) throws ExpansionException {
      return new StopSignal(source, e.expand(signal));
    }
  }

  record Volume(InstructionSource source, List<String> volumes) implements Instruction {
    public Volume {
      volumes = List.copyOf(volumes);
    }

    @Override
    public Volume expand(WordExpander e) throws ExpansionException {
      return new Volume(source, expandAll(volumes, e));
    }
  }

  record Shell(InstructionSource source, List<String> shell) implements Instruction {
    public Shell {
      shell = List.copyOf(shell);
    }
  }

  private static List<SourceContent> expandContents(List<SourceContent> contents, WordExpander e)
      throws ExpansionException {
    List<SourceContent> out = new ArrayList<>(contents.size());
    for (SourceContent c : contents) {
      out.add(c.expand() ? new SourceContent(c.path(), e.expand(c.data()), true) : c);
    }
    return out;
  }

  private static List<String> expandAll(List<String> words, WordExpander e) throws ExpansionException {
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      out.add(e.expand(w));
    }
    return out;
  }
}

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

  /** FROM: starts a stage. {@code stageName} is lower-cased, "" when unnamed. */
  record From(InstructionSource source, String baseName, String stageName, String platform)
      implements Instruction {}

  /** COPY [--from] [--chown] [--chmod] src... dest. */
  record Copy(InstructionSource source, List<String> sources, String dest, String from, String chown,
      String chmod) implements Instruction {
    public Copy {
      sources = List.copyOf(sources);
    }

    @Override
    public Copy expand(WordExpander e) throws ExpansionException {
      return new Copy(source, expandAll(sources, e), e.expand(dest), from, e.expand(chown), e.expand(chmod));
    }
  }

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

  /** A known instruction this build cannot carry out yet (RUN, ADD, HEALTHCHECK, ONBUILD): fails if reached. */
  record NotYetSupported(InstructionSource source) implements Instruction {}

  private static List<String> expandAll(List<String> words, WordExpander e) throws ExpansionException {
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      out.add(e.expand(w));
    }
    return out;
  }
}

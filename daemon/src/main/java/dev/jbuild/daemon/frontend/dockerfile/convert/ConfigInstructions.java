package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.shell.ExpansionException;
import dev.jbuild.daemon.frontend.dockerfile.shell.ShellLexer;
import dev.jbuild.daemon.frontend.dockerfile.text.GoDuration;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import dev.jbuild.daemon.image.ContainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The instructions that change only the image config, with BuildKit's history strings (dispatchEnv,
 * dispatchLabel, dispatchUser, dispatchCmd, ...). Each adds an empty-layer history entry.
 */
final class ConfigInstructions {
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private ConfigInstructions() {}

  static void env(StageState d, Instruction.Env c) {
    StringBuilder msg = new StringBuilder("ENV");
    for (Instruction.KeyValue kv : c.pairs()) {
      msg.append(' ').append(kv);
      d.env.remove(kv.key());
      d.env.put(kv.key(), kv.value());
      d.config.env(kv.key(), kv.value());
    }
    d.commit(msg.toString(), false);
  }

  static void label(StageState d, Instruction.Label c) {
    StringBuilder msg = new StringBuilder("LABEL");
    for (Instruction.KeyValue kv : c.pairs()) {
      d.config.label(kv.key(), kv.value());
      msg.append(' ').append(kv);
    }
    d.commit(msg.toString(), false);
  }

  static void user(StageState d, Instruction.User c) {
    d.config.user(c.user());
    d.commit("USER " + c.user(), false);
  }

  static void cmd(StageState d, Instruction.Cmd c) {
    List<String> args = c.prependShell() ? withShell(d, c.cmdLine()) : c.cmdLine();
    d.config.cmd(args);
    d.config.argsEscaped(true);
    d.cmdSet = true;
    d.commit("CMD " + GoText.quoteList(args), false);
  }

  static void entrypoint(StageState d, Instruction.Entrypoint c) {
    List<String> args = c.prependShell() ? withShell(d, c.cmdLine()) : c.cmdLine();
    d.config.entrypoint(args);
    if (!d.cmdSet) {
      d.config.cmd(null); // an ENTRYPOINT resets a CMD inherited from the base
    }
    d.commit("ENTRYPOINT " + GoText.quoteList(args), false);
  }

  static void expose(StageState d, Instruction.Expose c, ShellLexer lexer) throws DockerfileError {
    TreeSet<String> ports = new TreeSet<>();
    try {
      for (String p : c.ports()) {
        for (String word : lexer.processWords(p, d.env)) {
          ports.addAll(PortSpecs.parse(word));
        }
      }
    } catch (ExpansionException | PortSpecs.PortSpecException e) {
      throw new DockerfileError(c.source().startLine(), e.getMessage());
    }
    List<String> shown = new ArrayList<>();
    for (String p : ports) {
      d.config.exposePort(p);
      shown.add(p + ":{}");
    }
    d.commit("EXPOSE map" + GoText.plainList(shown), false); // Go prints the port set as map[80/tcp:{}]
  }

  static void maintainer(StageState d, Instruction.Maintainer c) {
    d.image = d.image.withAuthor(c.maintainer());
    d.commit("MAINTAINER " + c.maintainer(), false);
  }

  static void stopSignal(StageState d, Instruction.StopSignal c) throws DockerfileError {
    if (!StopSignals.isValid(c.signal())) {
      throw new DockerfileError(c.source().startLine(), "Invalid signal: " + c.signal());
    }
    d.config.stopSignal(c.signal());
    d.commit("STOPSIGNAL " + c.signal(), false);
  }

  static void volume(StageState d, Instruction.Volume c) throws DockerfileError {
    for (String v : c.volumes()) {
      if (v.isEmpty()) {
        throw new DockerfileError(c.source().startLine(), "VOLUME specified can not be an empty string");
      }
      d.config.volume(v);
    }
    d.commit("VOLUME " + GoText.plainList(c.volumes()), false);
  }

  /** HEALTHCHECK: the config's Healthcheck (0 durations left out, as Docker's omitempty) and Go's %+v history. */
  static void healthcheck(StageState d, Instruction.Healthcheck c) {
    d.config.healthcheck(new ContainerConfig.HealthConfig(c.test(), nonZero(c.interval()), nonZero(c.timeout()),
        nonZero(c.startPeriod()), nonZero(c.startInterval()), c.retries() == 0 ? null : c.retries()));
    d.commit("HEALTHCHECK {Test:" + GoText.plainList(c.test()) + " Interval:" + GoDuration.format(c.interval())
        + " Timeout:" + GoDuration.format(c.timeout()) + " StartPeriod:" + GoDuration.format(c.startPeriod())
        + " StartInterval:" + GoDuration.format(c.startInterval()) + " Retries:" + c.retries() + "}", false);
  }

  /** ONBUILD: recorded in the config for the image's users; BuildKit adds no history entry for it. */
  static void onbuild(StageState d, Instruction.Onbuild c) {
    d.config.onBuild(c.expression());
  }

  private static Long nonZero(long nanos) {
    return nanos == 0 ? null : nanos;
  }

  static void shell(StageState d, Instruction.Shell c) {
    d.config.shell(c.shell());
    d.commit("SHELL " + GoText.plainList(c.shell()), false);
  }

  /** The shell form: the image's SHELL (or /bin/sh -c) and the command as one argument. */
  static List<String> withShell(StageState d, List<String> args) {
    List<String> shell = d.currentConfig().shell();
    List<String> out = new ArrayList<>(shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell);
    out.add(String.join(" ", args));
    return out;
  }
}

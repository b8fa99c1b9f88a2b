package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.instructions.Instruction;
import dev.jbuild.daemon.frontend.dockerfile.instructions.RunMount;
import dev.jbuild.daemon.frontend.dockerfile.text.GoText;
import dev.jbuild.proto.ops.ExecMeta;
import dev.jbuild.proto.ops.ExecMount;
import dev.jbuild.proto.ops.ExecOp;
import dev.jbuild.proto.ops.MountKind;
import dev.jbuild.proto.ops.NetworkMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RUN as one ExecOp vertex (BuildKit's dispatchRun and dispatchRunMounts): the stage's tree mounted at "/",
 * then each --mount, with the command, the stage's environment (ENV and declared ARGs; proxy build args are
 * kept out: they must reach the process without entering the cache key), working directory and user.
 */
final class RunInstructions {
  private RunInstructions() {}

  /** Resolves a mount's {@code from} (or the build context for a bind mount without one) to a vertex. */
  @FunctionalInterface
  interface MountSources {
    String vertexFor(RunMount mount) throws DockerfileError;
  }

  /** @param script the command line with the RUN's heredocs applied ({@link RunScript#of}) */
  static void run(StageState d, Instruction.Run c, RunScript script, MountSources sources, String name,
      GraphWriter graph) throws DockerfileError {
    List<String> args = c.prependShell() ? ConfigInstructions.withShell(d, script.args()) : script.args();
    String cwd = d.currentConfig().workingDir() == null || d.currentConfig().workingDir().isEmpty() ? "/"
        : d.currentConfig().workingDir();
    ExecMeta.Builder meta = ExecMeta.newBuilder().addAllArgs(args).setCwd(cwd);
    d.env.forEach((k, v) -> meta.addEnv(k + "=" + v));
    if (d.currentConfig().user() != null) {
      meta.setUser(d.currentConfig().user());
    }
    OpInputs inputs = new OpInputs();
    ExecOp.Builder exec = ExecOp.newBuilder().setMeta(meta)
        .addMounts(ExecMount.newBuilder().setInput(inputs.indexOf(d.vertex)).setDest("/")
            .setKind(MountKind.MOUNT_BIND));
    if (script.scriptVertex() != null) {
      exec.addMounts(ExecMount.newBuilder().setInput(inputs.indexOf(script.scriptVertex()))
          .setDest(RunScript.PIPES).setSelector("/").setReadonly(true).setKind(MountKind.MOUNT_BIND));
    }
    int ssh = 0;
    for (RunMount m : c.mounts()) {
      ExecMount.Builder mount = ExecMount.newBuilder().setReadonly(m.readOnly()).setInput(-1);
      String target = m.target();
      switch (m.type()) {
        case BIND -> mount.setKind(MountKind.MOUNT_BIND).setInput(inputs.indexOf(sources.vertexFor(m)))
            .setSelector(Paths.source(m.source()));
        case CACHE -> {
          mount.setKind(MountKind.MOUNT_CACHE).setSelector(Paths.source(m.source()));
          if (!m.from().isEmpty()) {
            mount.setInput(inputs.indexOf(sources.vertexFor(m)));
          }
        }
        case TMPFS -> mount.setKind(MountKind.MOUNT_TMPFS);
        case SECRET -> {
          mount.setKind(MountKind.MOUNT_SECRET);
          String id = !m.id().isEmpty() ? m.id() : baseName(target.isEmpty() ? m.source() : target);
          target = target.isEmpty() && m.env() == null ? "/run/secrets/" + id : target;
        }
        case SSH -> {
          mount.setKind(MountKind.MOUNT_SSH);
          target = target.isEmpty() ? "/run/buildkit/ssh_agent." + ssh++ : target;
        }
        default -> throw new IllegalStateException("unknown mount type " + m.type());
      }
      if (target.isEmpty() && m.type() == RunMount.Type.SECRET) {
        continue; // a secret exposed only as an environment variable has no mount point
      }
      String dest = target.startsWith("/") ? Paths.clean(target) : Paths.join(cwd, target);
      if (dest.equals("/")) {
        throw new DockerfileError(c.source().startLine(), "invalid mount target " + GoText.quote(dest));
      }
      exec.addMounts(mount.setDest(dest));
    }
    if (c.network().equals("none")) {
      exec.setNetwork(NetworkMode.NETWORK_NONE);
    }
    d.vertex = graph.add(inputs.op().setExec(exec), name, d.metaStage(), c.source());
    d.commit("RUN " + commandString(args, d) + " # buildkit", true);
  }

  /** BuildKit's runCommandString: "|2 A=1 B=2 /bin/sh -c ..." with the declared ARGs' current values. */
  static String commandString(List<String> args, StageState d) {
    Map<String, String> used = new LinkedHashMap<>();
    for (Instruction.ArgDefinition arg : d.buildArgs) {
      String v = d.env.containsKey(arg.key()) ? d.env.get(arg.key())
          : arg.defaultValue() == null ? "" : arg.defaultValue();
      used.put(arg.key(), v);
    }
    List<String> parts = new ArrayList<>();
    if (!used.isEmpty()) {
      parts.add("|" + used.size());
      used.forEach((k, v) -> parts.add(k + "=" + v));
    }
    parts.addAll(args);
    return String.join(" ", parts);
  }

  private static String baseName(String path) {
    String clean = Paths.clean(path);
    return clean.substring(clean.lastIndexOf('/') + 1);
  }
}

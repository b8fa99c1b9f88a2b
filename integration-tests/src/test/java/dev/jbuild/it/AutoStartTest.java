package dev.jbuild.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default: with no --host and no JBUILD_HOST, and nothing on the default socket, `jbuild build`
 * starts a real jbuildd itself and goes on; the next command finds it running.
 */
class AutoStartTest {
  @TempDir
  Path tmp;

  @Test
  void buildStartsADaemonWhenNoneAnswersAndTheNextCommandUsesIt() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Path socket = tmp.resolve("default.sock");
    String daemon = String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        JavaCommand.classpath(), "dev.jbuild.daemon.Main", "--root", tmp.resolve("root").toString());
    long pid = 0;
    try {
      JbuildCli.Result build = JbuildCli.runEmbedded(socket, daemon, ctx, "build", "-t", "app", ".");
      assertThat(build.exitCode()).as(build.describe()).isZero();
      JbuildCli.Result info = JbuildCli.runEmbedded(socket, daemon, ctx, "info");
      assertThat(info.stdout()).containsPattern("Auto-started:\\s+true").contains(tmp.resolve("root").toString());
      Matcher m = Pattern.compile("PID:\\s+(\\d+)").matcher(info.stdout());
      assertThat(m.find()).isTrue();
      pid = Long.parseLong(m.group(1));
      JbuildCli.Result images = JbuildCli.runEmbedded(socket, daemon, ctx, "images");
      assertThat(images.stdout()).containsPattern("(?m)^app\\s+latest");
      JbuildCli.Result again = JbuildCli.runEmbedded(socket, daemon, ctx, "info");
      assertThat(again.stdout()).contains("PID:          " + pid);
    } finally {
      if (pid != 0) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
      }
    }
  }
}

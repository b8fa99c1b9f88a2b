package dev.jbuild.client.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code jbuild} (dev.jbuild.client.Main) in its own JVM, as a user would, and captures what it printed. */
public final class ClientProcessForTest {

  /** Exit status, stdout and stderr of one run, and how long it took. */
  public record Run(int exitCode, String stdout, String stderr, long millis) {}

  private ClientProcessForTest() {}

  public static Run run(Path workDir, List<String> jvmFlags, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.jbuild.client.Main"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectInput(new File("/dev/null"))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("JBUILD_HOST");
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jbuild " + String.join(" ", args) + " did not finish within 120s");
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), millis);
  }
}

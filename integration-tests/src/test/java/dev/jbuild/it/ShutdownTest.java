package dev.jbuild.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM: running builds are cancelled and their clients told why; the socket goes away. */
class ShutdownTest {
  @TempDir
  Path tmp;

  @Test
  void sigtermCancelsARunningBuildAndTellsItsClient() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    try (RandomAccessFile f = new RandomAccessFile(ctx.resolve("huge.bin").toFile(), "rw")) {
      f.setLength(16L * 1024 * 1024 * 1024); // sparse; the transfer takes far longer than this test waits
    }
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY huge.bin /\n");
    JbuildDaemon daemon = JbuildDaemon.start(tmp.resolve("root"));
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    Process client;
    try {
      client = JbuildCli.start(daemon.address(), ctx, out, err, "build", "--progress", "plain", ".");
      long deadline = System.currentTimeMillis() + 30_000;
      while (!daemon.logTail().contains(" started: ") && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(daemon.logTail()).contains(" started: ");
      Thread.sleep(500);
    } finally {
      daemon.close(); // SIGTERM
    }
    assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(client.exitValue()).isNotZero();
    assertThat(Files.readString(err)).contains("shutting down");
    assertThat(tmp.resolve("root/jbuildd.sock")).doesNotExist();
  }
}

package dev.jbuild.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow control, end to end: a 512 MiB context goes from a client JVM capped at 64 MiB of heap to the real
 * daemon over its socket. Without flow control on both sides the context would be buffered whole in one
 * JVM and this build would die of OutOfMemoryError.
 */
class LargeContextTest {
  private static final long MIB = 1024 * 1024;

  @TempDir
  Path tmp;

  @Test
  void aContextEightTimesTheClientHeapIsStreamed() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    for (int i = 0; i < 8; i++) {
      try (RandomAccessFile f = new RandomAccessFile(ctx.resolve("part" + i + ".bin").toFile(), "rw")) {
        f.setLength(64 * MIB); // sparse: cheap to make, still 64 MiB to read and send
        f.seek(64 * MIB - 8);
        f.writeLong(i); // each file differs, so nothing can be deduplicated on the way
      }
    }
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY part7.bin /\n");
    try (JbuildDaemon daemon = JbuildDaemon.start(tmp.resolve("root"))) {
      JbuildCli.Result r = JbuildCli.run(List.of("-Xmx64m"), daemon.address(), ctx, "build", "-t", "big",
          "--progress", "plain", ".");
      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(r.stderr()).doesNotContain("OutOfMemoryError");
      // the daemon received every byte: its copy of the context holds all eight files at full size
      try (var files = Files.walk(tmp.resolve("root/contexts"))) {
        long bytes = files.filter(p -> p.getFileName().toString().startsWith("part"))
            .mapToLong(p -> p.toFile().length()).sum();
        assertThat(bytes).isEqualTo(8 * 64 * MIB);
      }
      JbuildCli.Result images = JbuildCli.run(daemon.address(), ctx, "images");
      assertThat(images.stdout()).contains("big");
    }
  }
}

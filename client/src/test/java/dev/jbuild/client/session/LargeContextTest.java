package dev.jbuild.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.client.testing.ClientProcessForTest;
import dev.jbuild.client.testing.FakeDaemonForTest;
import dev.jbuild.proto.control.FileStat;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow control, end to end: a 512 MiB context from a client JVM capped at 64 MiB of heap (and of direct
 * memory) to a daemon that reads slowly. Without isReady / request(n) the client would buffer the context
 * and die of OutOfMemoryError; with them it finishes and every byte arrives.
 */
class LargeContextTest {

  private static final int FILES = 8;
  private static final long FILE_SIZE = 64L << 20;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sends512MiBWithA64MiBClient(@TempDir Path tmp) throws Exception {
    Path context = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    for (int i = 0; i < FILES; i++) {
      try (RandomAccessFile f = new RandomAccessFile(context.resolve("blob" + i).toFile(), "rw")) {
        f.setLength(FILE_SIZE); // sparse: cheap to make, still 64 MiB to read and send
        f.seek(FILE_SIZE / 2);
        f.write(("marker " + i).getBytes());
        f.seek(FILE_SIZE - 4);
        f.write(new byte[] {1, 2, 3, (byte) i});
      }
    }
    try (FakeDaemonForTest daemon = new FakeDaemonForTest(tmp)) {
      daemon.script.sleepMillisPerMiB = 2;

      ClientProcessForTest.Run run = ClientProcessForTest.run(tmp,
          List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m"), Map.of(),
          "build", "--progress", "plain", "--host", daemon.address(), context.toString());

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      FakeDaemonForTest.ReceivedContext got = daemon.context.get(10, TimeUnit.SECONDS);
      assertThat(got.totalBytes).isEqualTo(FILES * FILE_SIZE + Files.size(context.resolve("Dockerfile")));
      assertThat(got.entries).extracting(FileStat::getPath)
          .containsExactly("Dockerfile", "blob0", "blob1", "blob2", "blob3", "blob4", "blob5", "blob6", "blob7");
      List<Long> expectedCrcs = new ArrayList<>();
      for (FileStat e : got.entries) {
        expectedCrcs.add(crc(context.resolve(e.getPath())));
      }
      assertThat(got.crcs).isEqualTo(expectedCrcs);
    }
  }

  private static long crc(Path file) throws Exception {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        crc.update(buf, 0, n);
      }
    }
    return crc.getValue();
  }
}

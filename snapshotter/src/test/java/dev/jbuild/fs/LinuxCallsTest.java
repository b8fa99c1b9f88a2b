package dev.jbuild.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JNA calls against the real kernel (needs root: trusted.* xattrs, mknod of devices, mount). */
class LinuxCallsTest {
  @TempDir Path tmp;

  @Test
  void binaryXattrsRoundTripByteForByteAndOnSymlinksThemselves() throws IOException {
    Path f = Files.writeString(tmp.resolve("f"), "x");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), f);
    byte[] every = new byte[256];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }

    LinuxCalls.setXattr(f, "security.capability", SampleTree.CAP_NET_RAW);
    LinuxCalls.setXattr(f, "user.every-byte", every);
    LinuxCalls.setXattr(link, "trusted.on-the-link", new byte[] {0});

    assertThat(Xattrs.read(f)).containsOnlyKeys("security.capability", "user.every-byte");
    assertThat(LinuxCalls.getXattr(f, "user.every-byte")).isEqualTo(every);
    assertThat(LinuxCalls.getXattr(link, "trusted.on-the-link")).containsExactly(0);
    assertThat(LinuxCalls.getXattr(f, "trusted.on-the-link")).isNull();
    LinuxCalls.removeXattr(f, "user.every-byte");
    assertThat(LinuxCalls.listXattrs(f)).containsExactly("security.capability");
  }

  @Test
  void errorsNameTheCallThePathAndTheErrno() {
    Path missing = tmp.resolve("missing");

    assertThatThrownBy(() -> LinuxCalls.setXattr(missing, "user.x", new byte[0]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("lsetxattr user.x " + missing)
        .hasMessageContaining("No such file or directory");
    assertThatThrownBy(() -> Fsync.tree(missing))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("open " + missing)
        .hasMessageContaining("No such file or directory");
  }

  @Test
  void mknodMakesDevicesWithLargeNumbersAndFifos() throws IOException {
    FsOps.mknod(tmp.resolve("c"), FileMeta.Type.CHAR, 4095, 1 << 19);
    FsOps.mknod(tmp.resolve("f"), FileMeta.Type.FIFO, 0, 0);

    long rdev = FileMeta.rdev(tmp.resolve("c"));
    assertThat(LinuxCalls.major(rdev)).isEqualTo(4095);
    assertThat(LinuxCalls.minor(rdev)).isEqualTo(1 << 19);
    assertThat(FileMeta.lstat(tmp.resolve("c")).type()).isEqualTo(FileMeta.Type.CHAR);
    assertThat(FileMeta.lstat(tmp.resolve("f")).type()).isEqualTo(FileMeta.Type.FIFO);
  }

  @Test
  void mountAndUnmountATmpfs() throws IOException {
    Path m = Files.createDirectory(tmp.resolve("m"));

    LinuxCalls.mount("jbuild-test", m, "tmpfs", LinuxCalls.MS_RDONLY, "size=1m,mode=0700");
    try {
      assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).contains(m.toString());
      assertThatThrownBy(() -> Files.writeString(m.resolve("x"), "x")).isInstanceOf(IOException.class);
    } finally {
      LinuxCalls.unmount(m, 0);
    }
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(m.toString());
  }

  @Test
  void mountDataLongerThanAPageIsRefusedBeforeTheKernelTruncatesIt() {
    assertThatThrownBy(() -> LinuxCalls.mount("x", tmp, "tmpfs", 0, "a".repeat(4096)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("one page");
  }
}

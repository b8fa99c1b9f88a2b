package dev.jbuild.worker.runc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stub bookkeeping on a plain tree; the test plays runc's part by creating the mount points. */
class MountStubsTest {
  @TempDir
  Path root;

  private final FileTime etcTime = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));

  @BeforeEach
  void tree() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/:/bin/sh\n");
    Files.createDirectories(root.resolve("usr/lib"));
  }

  /** What runc does for a missing mount point: parents as directories, the point as a file or directory. */
  private void runcCreates(String path, boolean file) throws IOException {
    Path p = root.resolve(path.substring(1));
    Files.createDirectories(p.getParent());
    if (file) {
      Files.createFile(p);
    } else {
      Files.createDirectories(p);
    }
  }

  @Test
  void missingMountPointsAndTheirParentsAreRemovedAndTheParentsTimesKept() throws IOException {
    MountStubs stubs = MountStubs.record(root, List.of("/etc/hosts", "/etc/resolv.conf", "/mnt/a/b", "/dev"));
    runcCreates("/etc/hosts", true);
    runcCreates("/etc/resolv.conf", true);
    runcCreates("/mnt/a/b", false);
    runcCreates("/dev", false);
    Files.setLastModifiedTime(root.resolve("etc"), etcTime);

    stubs.remove();

    assertThat(root.resolve("etc")).isDirectory();
    assertThat(Files.list(root.resolve("etc")).map(p -> p.getFileName().toString())).containsExactly("passwd");
    assertThat(root.resolve("mnt")).doesNotExist();
    assertThat(root.resolve("dev")).doesNotExist();
    assertThat(Files.getLastModifiedTime(root.resolve("etc"))).isEqualTo(etcTime);
  }

  @Test
  void whatTheProcessPutInAStubStays() throws IOException {
    MountStubs stubs = MountStubs.record(root, List.of("/etc/hosts", "/mnt/a/b", "/cache"));
    runcCreates("/etc/hosts", true);
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 mine\n"); // written after the unmount
    runcCreates("/mnt/a/b", false);
    Files.writeString(root.resolve("mnt/a/kept"), "x");
    runcCreates("/cache", false);

    stubs.remove();

    assertThat(root.resolve("etc/hosts")).hasContent("127.0.0.1 mine");
    assertThat(root.resolve("mnt/a/kept")).exists();
    assertThat(root.resolve("mnt/a/b")).as("the empty stub itself goes").doesNotExist();
    assertThat(root.resolve("cache")).doesNotExist();
  }

  @Test
  void pointsThatExistedAreNeverTouched() throws IOException {
    Files.createFile(root.resolve("etc/hosts"));
    MountStubs stubs = MountStubs.record(root, List.of("/etc/hosts", "/usr/lib", "/etc"));

    stubs.remove();

    assertThat(root.resolve("etc/hosts")).exists();
    assertThat(root.resolve("usr/lib")).isDirectory();
  }

  @Test
  void aDestinationBehindASymlinkIsRecordedWhereRuncCreatesIt() throws IOException {
    Files.createSymbolicLink(root.resolve("data"), Path.of("/var/data"));
    MountStubs stubs = MountStubs.record(root, List.of("/data/cache"));
    runcCreates("/var/data/cache", false);

    stubs.remove();

    assertThat(root.resolve("var")).doesNotExist();
    assertThat(Files.isSymbolicLink(root.resolve("data"))).isTrue();
  }
}

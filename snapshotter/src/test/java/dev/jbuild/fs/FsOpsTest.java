package dev.jbuild.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsOpsTest {
  @TempDir Path tmp;

  @Test
  void lstatDescribesSymlinkItselfWithSetuidBitsAndNanos() throws IOException {
    SampleTree.create(tmp.resolve("src"));

    FileMeta tool = FileMeta.lstat(tmp.resolve("src/usr/bin/tool"));
    FileMeta abs = FileMeta.lstat(tmp.resolve("src/home/app/abs"));

    assertThat(tool.type()).isEqualTo(FileMeta.Type.FILE);
    assertThat(tool.mode()).isEqualTo(04755);
    assertThat(tool.mtime()).isEqualTo(SampleTree.T1);
    assertThat(abs.type()).isEqualTo(FileMeta.Type.SYMLINK);
    assertThat(abs.linkTarget()).isEqualTo("/usr/bin/tool");
    assertThat(FileMeta.lstat(tmp.resolve("src/home/app/data")).nlink()).isEqualTo(2);
  }

  @Test
  void copyEntryKeepsOwnerSetuidAndNanosecondMtime() throws IOException {
    SampleTree.create(tmp.resolve("src"));

    FsOps.copyEntry(tmp.resolve("src/usr/bin/tool"), tmp.resolve("tool"), Overrides.NONE);
    FsOps.copyEntry(tmp.resolve("src/home/app/data"), tmp.resolve("data"), Overrides.NONE);

    assertThat(TreeListing.describe(tmp.resolve("tool"))).isEqualTo(TreeListing.describe(tmp.resolve("src/usr/bin/tool")));
    FileMeta data = FileMeta.lstat(tmp.resolve("data"));
    assertThat(data.uid()).isEqualTo(1000);
    assertThat(data.gid()).isEqualTo(1000);
    assertThat(data.mtime()).isEqualTo(SampleTree.T2);
  }

  @Test
  void copyEntryCopiesSymlinkVerbatimWithoutFollowingIt() throws IOException {
    SampleTree.create(tmp.resolve("src"));

    FsOps.copyEntry(tmp.resolve("src/dangling"), tmp.resolve("link"), Overrides.chown(7, 8));

    FileMeta link = FileMeta.lstat(tmp.resolve("link"));
    assertThat(link.type()).isEqualTo(FileMeta.Type.SYMLINK);
    assertThat(link.linkTarget()).isEqualTo("/does/not/exist");
    assertThat(link.uid()).isEqualTo(7);
    assertThat(link.gid()).isEqualTo(8);
  }

  @Test
  void copyEntryOfDirectoryCreatesItEmptyWithItsMetadata() throws IOException {
    SampleTree.create(tmp.resolve("src"));

    FsOps.copyEntry(tmp.resolve("src/home/app"), tmp.resolve("app"), Overrides.NONE);

    try (var s = Files.list(tmp.resolve("app"))) {
      assertThat(s).isEmpty();
    }
    FileMeta app = FileMeta.lstat(tmp.resolve("app"));
    assertThat(app.mode()).isEqualTo(02750);
    assertThat(app.uid()).isEqualTo(1000);
    assertThat(app.mtime()).isEqualTo(SampleTree.T2);
  }

  @Test
  void overridesReplaceOwnerAndModeButKeepMtime() throws IOException {
    SampleTree.create(tmp.resolve("src"));
    Overrides o = new Overrides(OptionalInt.of(33), OptionalInt.of(44), OptionalInt.of(0600));

    FsOps.copyTree(tmp.resolve("src/home"), tmp.resolve("home"), o);

    FileMeta data = FileMeta.lstat(tmp.resolve("home/app/data"));
    assertThat(data.uid()).isEqualTo(33);
    assertThat(data.gid()).isEqualTo(44);
    assertThat(data.mode()).isEqualTo(0600);
    assertThat(data.mtime()).isEqualTo(SampleTree.T2);
    assertThat(FileMeta.lstat(tmp.resolve("home/app")).mode()).isEqualTo(0600);
  }

  @Test
  void copyTreePreservesEverythingIncludingHardLinksAndDirectoryMtimes() throws IOException {
    SampleTree.create(tmp.resolve("src"));

    FsOps.copyTree(tmp.resolve("src"), tmp.resolve("dst"), Overrides.NONE);

    Map<String, String> src = TreeListing.of(tmp.resolve("src"));
    assertThat(TreeListing.of(tmp.resolve("dst"))).isEqualTo(src);
    assertThat(FileMeta.lstat(tmp.resolve("dst/home/app/data")).inode())
        .isEqualTo(FileMeta.lstat(tmp.resolve("dst/home/app/data-link")).inode());
  }

  @Test
  void copyTreeKeepsFifosDevicesAndBinaryXattrs() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    FsOps.mknod(src.resolve("pipe"), FileMeta.Type.FIFO, 0, 0);
    FsOps.mknod(src.resolve("null"), FileMeta.Type.CHAR, 1, 3);
    FsOps.mknod(src.resolve("disk"), FileMeta.Type.BLOCK, 259, 70000);
    SampleTree.file(src.resolve("ping"), "binary", 0755, 0, 0, SampleTree.T1);
    byte[] capability = SampleTree.CAP_NET_RAW;
    LinuxCalls.setXattr(src.resolve("ping"), "security.capability", capability);
    LinuxCalls.setXattr(src, "trusted.note", new byte[] {(byte) 0xc3, 0x28});

    FsOps.copyTree(src, tmp.resolve("dst"), Overrides.NONE);

    Path dst = tmp.resolve("dst");
    assertThat(FileMeta.lstat(dst.resolve("pipe")).type()).isEqualTo(FileMeta.Type.FIFO);
    assertThat(FileMeta.lstat(dst.resolve("disk")).type()).isEqualTo(FileMeta.Type.BLOCK);
    assertThat(FileMeta.rdev(dst.resolve("null"))).isEqualTo(LinuxCalls.makedev(1, 3));
    assertThat(FileMeta.rdev(dst.resolve("disk"))).isEqualTo(LinuxCalls.makedev(259, 70000));
    assertThat(LinuxCalls.getXattr(dst.resolve("ping"), "security.capability")).isEqualTo(capability);
    assertThat(LinuxCalls.getXattr(dst, "trusted.note")).containsExactly(0xc3, 0x28);
    assertThat(TreeListing.of(dst)).isEqualTo(TreeListing.of(src));
  }

  @Test
  void removeTreeDeletesSymlinksNotWhatTheyPointTo() throws IOException {
    Path outside = tmp.resolve("outside");
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("keep"), "keep");
    Path victim = tmp.resolve("victim");
    Files.createDirectories(victim.resolve("sub"));
    Files.createSymbolicLink(victim.resolve("sub/link"), outside);
    SampleTree.meta(victim.resolve("sub"), 0500, 0, 0, SampleTree.T1);

    FsOps.removeTree(victim);

    assertThat(victim).doesNotExist();
    assertThat(outside.resolve("keep")).hasContent("keep");
  }

  @Test
  void removeTreeOfSymlinkToDirectoryRemovesOnlyTheLink() throws IOException {
    Files.createDirectories(tmp.resolve("dir"));
    Files.writeString(tmp.resolve("dir/f"), "x");
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("dir"));

    FsOps.removeTree(tmp.resolve("link"));

    assertThat(Files.exists(tmp.resolve("link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(tmp.resolve("dir/f")).exists();
  }
}

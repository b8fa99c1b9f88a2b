package dev.jbuild.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.TreeListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ADD's archive handling on real archives written by outside tools (GNU tar with gzip, bzip2, xz and zstd; Python's
 * tarfile for hostile names): what is an archive, what it unpacks to, and that nothing lands outside the
 * destination.
 */
class ArchiveUnpackerTest {
  @TempDir Path tmp;
  private Path tree;
  private Path dest;
  private final ArchiveUnpacker unpacker = new ArchiveUnpacker(ApplyLimits.DEFAULT);

  @BeforeEach
  void setUp() throws IOException {
    tree = Files.createDirectories(tmp.resolve("tree"));
    Files.createDirectories(tree.resolve("dir/sub"));
    Files.writeString(tree.resolve("dir/sub/a.txt"), "a\n");
    Files.writeString(tree.resolve("top.sh"), "#!/bin/sh\n");
    Files.setAttribute(tree.resolve("top.sh"), "unix:mode", 04755);
    Files.setAttribute(tree.resolve("dir/sub/a.txt"), "unix:uid", 1234);
    Files.setAttribute(tree.resolve("dir/sub/a.txt"), "unix:gid", 4321);
    Files.createSymbolicLink(tree.resolve("dir/link"), Path.of("sub/a.txt"));
    Files.setLastModifiedTime(tree.resolve("dir/sub/a.txt"),
        java.nio.file.attribute.FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
    dest = Files.createDirectories(tmp.resolve("dest"));
  }

  /** GNU tar of {@code tree}'s contents ("./..."), compressed with {@code compressor} ("none": plain tar). */
  private Path gnuTar(String compressor) throws Exception {
    Path out = tmp.resolve("archive." + compressor);
    List<String> cmd = new ArrayList<>(List.of("tar", "--numeric-owner", "-C", tree.toString(), "-cf", out.toString()));
    if (!compressor.equals("none")) {
      cmd.add(1, "--use-compress-program=" + compressor);
    }
    cmd.add(".");
    run(cmd);
    return out;
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("%s: %s", cmd, log).isTrue();
  }

  private Map<String, String> listing(Path root) throws IOException {
    return TreeListing.of(root, ChronoUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"none", "gzip", "bzip2", "xz", "zstd"})
  void everyCompressionUnpacksToTheSameTree(String compressor) throws Exception {
    Path archive = gnuTar(compressor);
    assertThat(unpacker.isArchive(archive)).isTrue();
    unpacker.unpack(archive, dest, "/archive", OptionalInt.empty(), OptionalInt.empty());
    Map<String, String> expected = listing(tree);
    assertThat(listing(dest)).isEqualTo(expected);
    assertThat(FileMeta.lstat(dest.resolve("top.sh")).mode()).as("setuid kept").isEqualTo(04755);
    assertThat(FileMeta.lstat(dest.resolve("dir/sub/a.txt")).uid()).as("the archive's owner").isEqualTo(1234);
  }

  @Test
  void chownReplacesEveryOwnerOfTheArchive() throws Exception {
    unpacker.unpack(gnuTar("gzip"), dest, "/archive.tgz", OptionalInt.of(7), OptionalInt.of(8));
    for (String p : List.of("dir", "dir/sub", "dir/sub/a.txt", "dir/link", "top.sh")) {
      FileMeta m = FileMeta.lstat(dest.resolve(p));
      assertThat(m.uid() + ":" + m.gid()).as(p).isEqualTo("7:8");
    }
  }

  @Test
  void theArchivesOwnDotEntryLeavesTheDestinationAlone() throws Exception {
    Files.setAttribute(tree, "unix:mode", 0700);
    Files.setAttribute(dest, "unix:mode", 0751);
    unpacker.unpack(gnuTar("none"), dest, "/archive", OptionalInt.empty(), OptionalInt.empty());
    assertThat(FileMeta.lstat(dest).mode()).isEqualTo(0751);
  }

  @Test
  void whatIsNotATarIsNotAnArchive() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "just text\n".repeat(100));
    Path gzippedText = tmp.resolve("notes.txt.gz");
    run(List.of("sh", "-c", "gzip -c " + text + " > " + gzippedText));
    Path truncated = tmp.resolve("truncated.tar");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(gnuTar("none")), 100));
    Path onlyZeros = Files.write(tmp.resolve("empty.tar"), new byte[10240]);
    Path link = Files.createSymbolicLink(tmp.resolve("link.tar"), gnuTar("none"));
    Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
    for (Path p : List.of(text, gzippedText, truncated, onlyZeros, link, empty, tree)) {
      assertThat(unpacker.isArchive(p)).as(p.getFileName().toString()).isFalse();
    }
  }

  @Test
  void whiteoutNamesAreOrdinaryFilesInAnArchive() throws Exception {
    Files.writeString(dest.resolve("keep"), "kept");
    Path archive = tmp.resolve("wh.tar");
    HostileTars.python(archive, "write([entry('.wh.keep', data=b'x'), entry('dir/.wh..wh..opq', data=b'y')])");
    unpacker.unpack(archive, dest, "/wh.tar", OptionalInt.empty(), OptionalInt.empty());
    assertThat(dest.resolve("keep")).hasContent("kept");
    assertThat(dest.resolve(".wh.keep")).hasContent("x");
    assertThat(dest.resolve("dir/.wh..wh..opq")).hasContent("y");
  }

  @Test
  void absoluteNamesLandUnderTheDestination() throws Exception {
    Path archive = tmp.resolve("abs.tar");
    HostileTars.python(archive, "write([entry('/etc/jbuild-add-test', data=b'inside'),"
        + " entry('/hard', type=tarfile.LNKTYPE, linkname='/etc/jbuild-add-test')])");
    unpacker.unpack(archive, dest, "/abs.tar", OptionalInt.empty(), OptionalInt.empty());
    assertThat(dest.resolve("etc/jbuild-add-test")).hasContent("inside");
    assertThat(dest.resolve("hard")).hasContent("inside");
    assertThat(Path.of("/etc/jbuild-add-test")).doesNotExist();
  }

  @Test
  void escapesAreRefusedNamingTheArchiveAndNothingLandsOutside() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Map<String, String> before = listing(tmp.resolve("outside"));
    Path dotdot = tmp.resolve("dotdot.tar");
    HostileTars.python(dotdot, "write([entry('../outside/evil', data=b'x')])");
    assertThatThrownBy(() -> unpacker.unpack(dotdot, dest, "/dotdot.tar", OptionalInt.empty(), OptionalInt.empty()))
        .isInstanceOf(IOException.class).hasMessageContaining("archive /dotdot.tar")
        .hasMessageContaining("../outside/evil");
    Path viaSymlink = tmp.resolve("symlink.tar");
    HostileTars.python(viaSymlink, "write([entry('up', type=tarfile.SYMTYPE, linkname='/'),"
        + " entry('up/outside/evil', data=b'x')])");
    unpacker.unpack(viaSymlink, dest, "/symlink.tar", OptionalInt.empty(), OptionalInt.empty());
    assertThat(dest.resolve("outside/evil")).as("an absolute symlink target is the destination").hasContent("x");
    assertThat(listing(outside)).isEqualTo(before);
  }

  @Test
  void aDecompressionBombStopsAtTheLimit() throws Exception {
    Path big = tmp.resolve("big");
    Files.createDirectories(big);
    try (var ch = java.nio.channels.FileChannel.open(big.resolve("zeros"), java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[1]), (16L << 20) - 1);
    }
    Path archive = tmp.resolve("bomb.tar.zst");
    run(List.of("tar", "--use-compress-program=zstd", "-C", big.toString(), "-cf", archive.toString(), "."));
    ArchiveUnpacker small = new ArchiveUnpacker(ApplyLimits.DEFAULT.withMaxUncompressedBytes(1L << 20));
    assertThatThrownBy(() -> small.unpack(archive, dest, "/bomb.tar.zst", OptionalInt.empty(), OptionalInt.empty()))
        .isInstanceOf(IOException.class).hasMessageContaining("archive /bomb.tar.zst");
  }

  @Test
  void compressionIsToldByMagicBytes() {
    assertThat(Compression.of(new byte[] {0x1f, (byte) 0x8b, 8, 0})).isEqualTo(Compression.GZIP);
    assertThat(Compression.of("BZh91AY".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Compression.BZIP2);
    assertThat(Compression.of(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0})).isEqualTo(Compression.XZ);
    assertThat(Compression.of(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})).isEqualTo(Compression.ZSTD);
    assertThat(Compression.of(new byte[] {0x5e, 0x2a, 0x4d, 0x18, 4, 0, 0, 0})).as("skippable frame")
        .isEqualTo(Compression.ZSTD);
    assertThat(Compression.of(new byte[] {0x1f, (byte) 0x8b})).as("too short").isEqualTo(Compression.NONE);
    assertThat(Compression.of("ustar".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Compression.NONE);
  }
}

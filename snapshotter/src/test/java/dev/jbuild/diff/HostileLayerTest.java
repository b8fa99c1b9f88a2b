package dev.jbuild.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.TreeListing;
import dev.jbuild.snapshots.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's hostile layers, one test each: refused with an error naming the problem, or contained as
 * containerd contains them. After every test, nothing outside {@code <tmp>/target} has changed
 * ({@code <tmp>/outside} holds a secret file and a directory for layers to aim at).
 */
class HostileLayerTest {
  private static final long BOMB_LIMIT = 8L << 20;

  @TempDir Path tmp;
  private Path target;
  private Path outside;
  private ContentStore store;
  private Map<String, String> before;
  private final TarDiffer differ = new TarDiffer(null, ApplyLimits.DEFAULT.withMaxUncompressedBytes(BOMB_LIMIT));

  @BeforeEach
  void setUp() throws IOException {
    store = ContentStore.local(tmp.resolve("content"));
    Files.createDirectories(tmp.resolve("layers"));
    target = Files.createDirectory(tmp.resolve("target"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret");
    Files.createDirectory(outside.resolve("dir"));
    Files.setAttribute(outside.resolve("dir"), "unix:mode", 0700);
    before = outsideTarget();
  }

  @AfterEach
  void nothingWasWrittenOutsideTheTarget() throws IOException {
    assertThat(outsideTarget()).isEqualTo(before);
  }

  /** Everything under tmp but the target, the content store and the generated tars. */
  private Map<String, String> outsideTarget() throws IOException {
    return TreeListing.of(tmp).entrySet().stream()
        .filter(e -> !e.getKey().matches("(target|content|layers)(/.*)?"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Descriptor layer(String pythonBody) throws Exception {
    Path file = tmp.resolve("layers").resolve(UUID.randomUUID() + ".tar");
    HostileTars.python(file, pythonBody);
    return ingest(file);
  }

  private Descriptor ingest(Path file) throws IOException {
    try (ContentStore.Writer w = store.writer(file.getFileName().toString(), Optional.empty());
        InputStream in = Files.newInputStream(file)) {
      in.transferTo(w.stream());
      long size = w.written();
      return new Descriptor(MediaTypes.LAYER_TAR, w.commit(), size);
    }
  }

  private void apply(Descriptor layer) throws IOException {
    differ.apply(layer, List.of(Mount.bind(target.toString(), false)), store);
  }

  private void refused(String pythonBody, String... messageParts) throws Exception {
    Descriptor layer = layer(pythonBody);
    var thrown = assertThatThrownBy(() -> apply(layer)).isInstanceOf(IOException.class);
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
  }

  @Test
  void dotDotEntry() throws Exception {
    refused("write([entry('ok', data=b'x'), entry('../escaped', data=b'bad')])", "../escaped", "climbs out");
  }

  @Test
  void absoluteName() throws Exception {
    String name = "/tmp/jbuild-escape-" + UUID.randomUUID();
    refused("write([entry('" + name + "', data=b'bad')])", name, "absolute");
    assertThat(Path.of(name)).doesNotExist();
  }

  @Test
  void symlinkToSlashThenAFileUnderItLandsInsideLikeInAChroot() throws Exception {
    String name = "jbuild-escape-" + UUID.randomUUID();
    apply(layer("write([entry('root', tarfile.SYMTYPE, linkname='/'), entry('root/" + name + "', data=b'in')])"));
    assertThat(Path.of("/" + name)).doesNotExist();
    assertThat(target.resolve(name)).hasContent("in");
  }

  @Test
  void symlinkChainLeavingTheRoot() throws Exception {
    refused("write([entry('a', tarfile.SYMTYPE, linkname='b'), entry('b', tarfile.SYMTYPE, linkname='../../outside'),"
        + " entry('a/planted', data=b'bad')])", "a/planted", "out of the target");
  }

  @Test
  void hardlinkToAHostPath() throws Exception {
    refused("write([entry('stolen', tarfile.LNKTYPE, linkname='" + outside.resolve("secret") + "')])", "stolen", "absolute");
    refused("write([entry('stolen', tarfile.LNKTYPE, linkname='../outside/secret')])", "stolen", "climbs out");
  }

  @Test
  void hardlinkToASymlinkPointingOutsideLinksTheSymlinkItselfAndWritesNeverGoThrough() throws Exception {
    apply(layer("write([entry('evil', tarfile.SYMTYPE, linkname='" + outside.resolve("secret") + "'),"
        + " entry('hl', tarfile.LNKTYPE, linkname='evil'), entry('hl', data=b'overwrite')])"));
    assertThat(Files.isSymbolicLink(target.resolve("evil"))).isTrue();
    assertThat(target.resolve("hl")).hasContent("overwrite");
    assertThat(Files.isSymbolicLink(target.resolve("hl"))).isFalse();
  }

  @Test
  void deviceNodeWhereAFileIsExpectedIsReplacedNeverWrittenThrough() throws Exception {
    long rootDisk = (Long) Files.getAttribute(Path.of("/"), "unix:dev");
    apply(layer("write([entry('etc/passwd', tarfile.BLKTYPE, devmajor=" + dev.jbuild.fs.LinuxCalls.major(rootDisk)
        + ", devminor=" + dev.jbuild.fs.LinuxCalls.minor(rootDisk) + "), entry('etc/passwd', data=b'root:x:0:0')])"));
    assertThat(FileMeta.lstat(target.resolve("etc/passwd")).type()).isEqualTo(FileMeta.Type.FILE);
    assertThat(target.resolve("etc/passwd")).hasContent("root:x:0:0");
  }

  @Test
  void whiteoutOfDotDot() throws Exception {
    refused("write([entry('d/.wh...', data=b'')])", "d/.wh...", "whiteout of '..'");
    refused("write([entry('d/.wh..', data=b'')])", "d/.wh..", "whiteout of '.'");
  }

  @Test
  void opaqueMarkerAtTheRootClearsOnlyTheTarget() throws Exception {
    apply(layer("write([entry('lower', data=b'x'), entry('dir/', tarfile.DIRTYPE)])"));
    apply(layer("write([entry('kept', data=b'k'), entry('.wh..wh..opq'), entry('after', data=b'a')])"));
    try (Stream<Path> s = Files.list(target)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kept", "after");
    }
  }

  @Test
  void nameLongerThan4KiB() throws Exception {
    refused("write([entry('a/' * 2100 + 'f', data=b'x')])", "4201 bytes", "limit");
  }

  @Test
  void paxHeaderLyingAboutSize() throws Exception {
    refused("write([entry('small', data=b'short', pax_headers={'size': '1000000'}), entry('next', data=b'n')])",
        "truncated");
  }

  @Test
  void truncatedTar() throws Exception {
    Path file = tmp.resolve("layers/truncated.tar");
    HostileTars.python(file, "write([entry('big', data=b'x' * 10000), entry('after', data=b'y')])");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(3000);
    }
    Descriptor layer = ingest(file);
    assertThatThrownBy(() -> apply(layer)).isInstanceOf(IOException.class).hasMessageContaining("truncated");
  }

  @Test
  void gzipBombStopsAtTheConfiguredLimit() throws Exception {
    refused("write([entry('zeros', data=bytes(64 << 20))], gz=True)", "more than " + BOMB_LIMIT, "limit");
    assertThat(Files.size(target.resolve("zeros"))).isLessThanOrEqualTo(BOMB_LIMIT);
  }

  @Test
  void entryReplacingADirectoryByAFileAndBack() throws Exception {
    Files.createDirectory(outside.resolve("dir/e"));
    Files.setAttribute(outside.resolve("dir/e"), "unix:mode", 0700);
    before = outsideTarget();
    apply(layer("write([entry('d/', tarfile.DIRTYPE, mode=0o777), entry('d/e/', tarfile.DIRTYPE, mode=0o777),"
        + " entry('d', tarfile.SYMTYPE, linkname='" + outside.resolve("dir") + "'),"
        + " entry('x/', tarfile.DIRTYPE), entry('x/old', data=b'o'), entry('x', data=b'file now'),"
        + " entry('x/', tarfile.DIRTYPE, mode=0o750), entry('x/new', data=b'n')])"));
    assertThat(Files.isSymbolicLink(target.resolve("d"))).isTrue();
    assertThat(FileMeta.lstat(target.resolve("x")).mode()).isEqualTo(0750);
    try (Stream<Path> s = Files.list(target.resolve("x"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("new");
    }
  }

  @Test
  void aPathThroughAFile() throws Exception {
    refused("write([entry('f', data=b'file'), entry('f/x', data=b'under a file')])", "f/x", "not a directory");
  }

  @Test
  void duplicateEntriesTheLastWins() throws Exception {
    apply(layer("write([entry('f', data=b'one'), entry('f', data=b'two', mode=0o600)])"));
    assertThat(target.resolve("f")).hasContent("two");
    assertThat(FileMeta.lstat(target.resolve("f")).mode()).isEqualTo(0600);
  }

  @Test
  void setuidFileOwnedByRootIsKept() throws Exception {
    apply(layer("write([entry('bin/su', data=b'#!', mode=0o4755, uid=0, gid=0)])"));
    FileMeta su = FileMeta.lstat(target.resolve("bin/su"));
    assertThat(su.mode()).isEqualTo(04755);
    assertThat(su.uid()).isZero();
  }

  @Test
  void uidAndGidAbove2To31() throws Exception {
    refused("write([entry('f', data=b'x', uid=3000000000, gid=5)])", "f", "3000000000:5", "2^31-1");
    refused("write([entry('g', data=b'x', uid=5, gid=2**31)])", "g", "5:2147483648");
  }

  @Test
  void nulInAName() throws Exception {
    refused("write([entry('safe', data=b'x', pax_headers={'path': 'a\\x00/../../escaped'})])", "NUL");
  }
}

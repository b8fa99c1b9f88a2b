package dev.jbuild.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.snapshots.Mount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers written by hand, to check what apply does with whiteouts and with names that aim outside. */
class TarApplyTest {
  @TempDir Path tmp;
  private ContentStore store;
  private Path target;
  private final TarDiffer differ = new TarDiffer();

  @BeforeEach
  void setUp() throws IOException {
    store = ContentStore.local(tmp.resolve("content"));
    target = Files.createDirectory(tmp.resolve("target"));
  }

  /** A tar entry to write: a file with content, a directory (name ends in "/"), or a symlink/hard link. */
  private record E(String name, byte type, String data) {
    static E file(String name, String content) {
      return new E(name, TarConstants.LF_NORMAL, content);
    }

    static E dir(String name) {
      return new E(name, TarConstants.LF_DIR, null);
    }

    static E symlink(String name, String target) {
      return new E(name, TarConstants.LF_SYMLINK, target);
    }

    static E hardlink(String name, String target) {
      return new E(name, TarConstants.LF_LINK, target);
    }
  }

  private Descriptor layer(E... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (E e : entries) {
        // preserveAbsolutePath = true: write hostile names exactly as given
        TarArchiveEntry te = new TarArchiveEntry(e.name(), e.type(), true);
        byte[] content = new byte[0];
        if (e.type() == TarConstants.LF_NORMAL) {
          content = e.data().getBytes(StandardCharsets.UTF_8);
          te.setSize(content.length);
        } else if (e.type() != TarConstants.LF_DIR) {
          te.setLinkName(e.data());
        }
        tar.putArchiveEntry(te);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    try (ContentStore.Writer w = store.writer(UUID.randomUUID().toString(), Optional.empty())) {
      w.stream().write(bytes.toByteArray());
      long size = w.written();
      return new Descriptor(MediaTypes.LAYER_TAR, w.commit(), size);
    }
  }

  private void apply(Descriptor layer) throws IOException {
    differ.apply(layer, List.of(Mount.bind(target.toString(), false)), store);
  }

  @Test
  void dotDotNameIsRefusedNamingTheEntryAndNothingLandsOutside() throws IOException {
    Descriptor hostile = layer(E.file("ok", "fine"), E.file("../escaped", "bad"));

    assertThatThrownBy(() -> apply(hostile)).isInstanceOf(IOException.class).hasMessageContaining("../escaped");

    assertThat(tmp.resolve("escaped")).doesNotExist();
  }

  @Test
  void dotDotInsideTheNameIsFineWhileItStaysInside() throws IOException {
    apply(layer(E.dir("a/"), E.file("a/../b", "inside")));

    assertThat(target.resolve("b")).hasContent("inside");
  }

  @Test
  void absoluteNameIsRefused() throws IOException {
    String name = "/tmp/jbuild-escape-" + UUID.randomUUID();
    Descriptor hostile = layer(E.file(name, "bad"));

    assertThatThrownBy(() -> apply(hostile)).isInstanceOf(IOException.class).hasMessageContaining(name);

    assertThat(Path.of(name)).doesNotExist();
  }

  @Test
  void fileUnderASymlinkToSlashLandsInsideTheTargetLikeInAChroot() throws IOException {
    String name = "jbuild-escape-" + UUID.randomUUID();

    apply(layer(E.symlink("root", "/"), E.file("root/" + name, "contained")));

    assertThat(Path.of("/" + name)).doesNotExist();
    assertThat(target.resolve(name)).hasContent("contained");
    assertThat(Files.readSymbolicLink(target.resolve("root"))).isEqualTo(Path.of("/"));
  }

  @Test
  void fileUnderASymlinkClimbingOutIsRefusedNamingTheEntry() throws IOException {
    Descriptor hostile = layer(E.symlink("up", "../../.."), E.file("up/escaped", "bad"));

    assertThatThrownBy(() -> apply(hostile)).isInstanceOf(IOException.class).hasMessageContaining("up/escaped");

    assertThat(tmp.resolve("escaped")).doesNotExist();
    assertThat(tmp.getParent().resolve("escaped")).doesNotExist();
  }

  @Test
  void fileReplacingASymlinkDoesNotWriteThroughIt() throws IOException {
    Path outside = Files.writeString(tmp.resolve("outside"), "untouched");

    apply(layer(E.symlink("link", outside.toString()), E.file("link", "replaced")));

    assertThat(outside).hasContent("untouched");
    assertThat(Files.isSymbolicLink(target.resolve("link"))).isFalse();
    assertThat(target.resolve("link")).hasContent("replaced");
  }

  @Test
  void hardLinkToOutsideIsRefused() throws IOException {
    Files.writeString(tmp.resolve("secret"), "secret");
    Descriptor hostile = layer(E.hardlink("stolen", "../secret"));

    assertThatThrownBy(() -> apply(hostile)).isInstanceOf(IOException.class).hasMessageContaining("stolen");

    assertThat(target.resolve("stolen")).doesNotExist();
  }

  @Test
  void hardLinkThroughASymlinkToSlashStaysInside() throws IOException {
    apply(layer(E.file("real", "inside"), E.symlink("root", "/"), E.hardlink("again", "root/real")));

    assertThat(target.resolve("again")).hasContent("inside");
  }

  @Test
  void whiteoutRemovesTheNamedEntryOfALowerLayer() throws IOException {
    apply(layer(E.dir("d/"), E.file("d/gone", "x"), E.dir("d/sub/"), E.file("d/sub/deep", "y"), E.file("d/kept", "z")));

    apply(layer(E.file("d/.wh.gone", ""), E.file("d/.wh.sub", "")));

    assertThat(target.resolve("d/gone")).doesNotExist();
    assertThat(target.resolve("d/sub")).doesNotExist();
    assertThat(target.resolve("d/kept")).hasContent("z");
    assertThat(target.resolve("d/.wh.gone")).doesNotExist();
  }

  @Test
  void whiteoutOfDotDotIsRefused() throws IOException {
    Descriptor hostile = layer(E.file("d/.wh..", ""));

    assertThatThrownBy(() -> apply(hostile)).isInstanceOf(IOException.class).hasMessageContaining("d/.wh..");
  }

  @Test
  void opaqueDirectoryHidesLowerEntriesButKeepsThisLayers() throws IOException {
    apply(layer(E.dir("d/"), E.file("d/a", "lower"), E.file("d/b", "lower"), E.file("other", "stays")));

    apply(layer(E.dir("d/"), E.file("d/-early", "this layer"), E.file("d/.wh..wh..opq", ""), E.file("d/c", "this layer")));

    try (var s = Files.list(target.resolve("d"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("-early", "c");
    }
    assertThat(target.resolve("other")).hasContent("stays");
  }

  @Test
  void directoryReplacingAFileAndFileReplacingADirectory() throws IOException {
    apply(layer(E.file("was-file", "x"), E.dir("was-dir/"), E.file("was-dir/child", "y")));

    apply(layer(E.dir("was-file/"), E.file("was-dir", "now a file")));

    assertThat(Files.isDirectory(target.resolve("was-file"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(target.resolve("was-dir")).hasContent("now a file");
  }

  @Test
  void readOnlyTargetIsRefused() throws IOException {
    Descriptor layer = layer(E.file("f", "x"));

    assertThatThrownBy(() -> differ.apply(layer, List.of(Mount.bind(target.toString(), true)), store))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("read-only");
  }
}

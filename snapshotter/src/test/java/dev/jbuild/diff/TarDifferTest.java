package dev.jbuild.diff;

import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.fs.FileMeta;
import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.Overrides;
import dev.jbuild.fs.SampleTree;
import dev.jbuild.fs.TreeListing;
import dev.jbuild.snapshots.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarDifferTest {
  private static final Instant T3 = Instant.parse("2023-05-06T07:08:09.000000001Z");

  @TempDir Path tmp;
  private ContentStore store;
  private final TarDiffer differ = new TarDiffer();

  @BeforeEach
  void openStore() throws IOException {
    store = ContentStore.local(tmp.resolve("content"));
  }

  private static List<Mount> bind(Path dir) {
    return List.of(Mount.bind(dir.toString(), false));
  }

  private Path blobFile(Descriptor d) throws IOException {
    Path f = tmp.resolve(d.digest().hex() + ".tar");
    try (InputStream in = store.open(d.digest())) {
      Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
    }
    return f;
  }

  private List<String> rawNames(Descriptor d) throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(store.open(d.digest()))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        names.add(e.getName());
      }
    }
    return names;
  }

  @Test
  void fullLayerIsReadCorrectlyByPythonTarfile() throws Exception {
    Path upper = tmp.resolve("upper");
    SampleTree.create(upper);

    Descriptor layer = differ.diff(List.of(), bind(upper), store);

    assertThat(layer.mediaType()).isEqualTo(MediaTypes.LAYER_TAR);
    assertThat(layer.size()).isEqualTo(Files.size(blobFile(layer)));
    Map<String, PythonTarfile.Member> m = PythonTarfile.byName(PythonTarfile.read(blobFile(layer)));
    assertThat(m.keySet()).containsExactly("dangling", "hello.txt", "home", "home/app", "home/app/abs",
        "home/app/data", "home/app/data-link", "home/app/rel", "tmp", "usr", "usr/bin", "usr/bin/tool");
    assertThat(m.get("usr/bin/tool").mode() & 07777).isEqualTo(04755);
    assertThat(m.get("tmp").mode() & 07777).isEqualTo(01777);
    assertThat(m.get("tmp").type()).isEqualTo("5");
    assertThat(m.get("home/app").mode() & 07777).isEqualTo(02750);
    assertThat(m.get("home/app/data")).extracting(PythonTarfile.Member::uid, PythonTarfile.Member::gid)
        .containsExactly(1000L, 1000L);
    assertThat(m.values()).allMatch(e -> e.uname().isEmpty() && e.gname().isEmpty());
    assertThat(m.get("home/app/abs")).extracting(PythonTarfile.Member::type, PythonTarfile.Member::linkname)
        .containsExactly("2", "/usr/bin/tool");
    assertThat(m.get("home/app/rel").linkname()).isEqualTo("../../hello.txt");
    assertThat(m.get("home/app/data").type()).isEqualTo("0");
    assertThat(m.get("home/app/data-link")).extracting(PythonTarfile.Member::type, PythonTarfile.Member::linkname)
        .containsExactly("1", "home/app/data");
    assertThat(m.get("usr/bin/tool").mtime()).isEqualTo(1614834367.0); // whole seconds, as containerd writes
    assertThat(m.values()).allMatch(e -> e.pax().isEmpty());
    assertThat(rawNames(layer)).contains("home/", "home/app/", "usr/bin/").noneMatch(n -> n.startsWith("./") || n.startsWith("/"));
  }

  @Test
  void changesBecomeEntriesDeletionsWhiteoutsAndParentsComeAlong() throws Exception {
    Path lower = tmp.resolve("lower");
    Path upper = tmp.resolve("upper");
    SampleTree.create(lower);
    FsOps.copyTree(lower, upper, Overrides.NONE);
    Files.delete(upper.resolve("home/app/rel"));
    SampleTree.file(upper.resolve("usr/bin/tool"), "#!/bin/sh\necho v2\n", 04755, 0, 0, T3);
    SampleTree.file(upper.resolve("tmp/new"), "new", 0644, 0, 0, T3);

    Descriptor layer = differ.diff(bind(lower), bind(upper), store);

    // usr/ and usr/bin/ did not change: they come as parents of usr/bin/tool (containerd's includeParents)
    assertThat(FileMeta.lstat(upper.resolve("usr/bin")).mtime()).isEqualTo(SampleTree.T1);
    assertThat(rawNames(layer)).containsExactly(
        "home/", "home/app/", "home/app/.wh.rel", "tmp/", "tmp/new", "usr/", "usr/bin/", "usr/bin/tool");
    Map<String, PythonTarfile.Member> m = PythonTarfile.byName(PythonTarfile.read(blobFile(layer)));
    assertThat(m.keySet()).contains("home/app/.wh.rel", "usr/bin/tool");
    assertThat(m.get("home/app/.wh.rel").size()).isZero();
  }

  @Test
  void whiteoutForDeletedTopLevelEntry() throws Exception {
    Path lower = tmp.resolve("lower");
    Path upper = tmp.resolve("upper");
    SampleTree.create(lower);
    FsOps.copyTree(lower, upper, Overrides.NONE);
    FsOps.removeTree(upper.resolve("tmp"));

    assertThat(rawNames(differ.diff(bind(lower), bind(upper), store))).containsExactly(".wh.tmp");
  }

  @Test
  void aChangedHardLinkCarriesItsOtherNamesAsLinks() throws Exception {
    Path lower = tmp.resolve("lower");
    Path upper = tmp.resolve("upper");
    SampleTree.create(lower);
    FsOps.copyTree(lower, upper, Overrides.NONE);
    SampleTree.file(upper.resolve("home/app/data"), "changed content", 0640, 1000, 1000, T3);
    SampleTree.meta(upper.resolve("home/app"), 02750, 1000, 1000, SampleTree.T2);

    Descriptor layer = differ.diff(bind(lower), bind(upper), store);

    Map<String, PythonTarfile.Member> m = PythonTarfile.byName(PythonTarfile.read(blobFile(layer)));
    assertThat(m.keySet()).containsExactly("home", "home/app", "home/app/data", "home/app/data-link");
    assertThat(m.get("home/app/data-link")).extracting(PythonTarfile.Member::type, PythonTarfile.Member::linkname)
        .containsExactly("1", "home/app/data");
  }

  @Test
  void identicalTreesGiveTheEmptyLayer() throws IOException {
    Path lower = tmp.resolve("lower");
    Path upper = tmp.resolve("upper");
    SampleTree.create(lower);
    FsOps.copyTree(lower, upper, Overrides.NONE);

    Descriptor layer = differ.diff(bind(lower), bind(upper), store);

    assertThat(TarDiffer.isEmpty(layer)).isTrue();
    assertThat(layer.size()).isEqualTo(1024);
    assertThat(layer.digest().toString())
        .isEqualTo("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
  }

  @Test
  void aDirectoryWhoseOnlyChangeIsItsMtimeIsNotInTheLayer() throws IOException {
    Path lower = tmp.resolve("lower");
    Path upper = tmp.resolve("upper");
    SampleTree.create(lower);
    FsOps.copyTree(lower, upper, Overrides.NONE);
    Files.setLastModifiedTime(upper.resolve("usr/bin"), FileTime.from(T3)); // an entry made and removed
    SampleTree.meta(upper.resolve("home"), 0700, 0, 0, T3);

    assertThat(rawNames(differ.diff(bind(lower), bind(upper), store))).containsExactly("home/");
  }

  @Test
  void sameTreesGiveTheSameBytes() throws IOException {
    Path upper = tmp.resolve("upper");
    SampleTree.create(upper);
    Path copy = tmp.resolve("copy");
    FsOps.copyTree(upper, copy, Overrides.NONE);

    Descriptor a = differ.diff(List.of(), bind(upper), store);
    Descriptor b = differ.diff(List.of(), bind(copy), store);

    assertThat(b).isEqualTo(a);
    assertThat(TarDiffer.isEmpty(a)).isFalse();
  }

  @Test
  void diffThenApplyIntoAnEmptyTreeReproducesTheSource() throws IOException {
    Path upper = tmp.resolve("upper");
    SampleTree.create(upper);
    Path target = Files.createDirectory(tmp.resolve("target"));

    differ.apply(differ.diff(List.of(), bind(upper), store), bind(target), store);

    assertThat(TreeListing.of(target, SECONDS)).isEqualTo(TreeListing.of(upper, SECONDS));
    assertThat(FileMeta.lstat(target.resolve("home/app/data")).inode())
        .isEqualTo(FileMeta.lstat(target.resolve("home/app/data-link")).inode());
  }

  @Test
  void applyingBaseThenDiffGivesTheUpperTree() throws IOException {
    Path lower = tmp.resolve("lower");
    Path upper = tmp.resolve("upper");
    SampleTree.create(lower);
    FsOps.copyTree(lower, upper, Overrides.NONE);
    Files.delete(upper.resolve("home/app/rel"));
    FsOps.removeTree(upper.resolve("usr"));
    Files.writeString(upper.resolve("usr"), "a file where a directory was");
    Files.createDirectories(upper.resolve("hello.txt.d/deep"));
    SampleTree.file(upper.resolve("hello.txt.d/deep/new"), "new", 0600, 5, 6, T3);
    Path target = Files.createDirectory(tmp.resolve("target"));

    differ.apply(differ.diff(List.of(), bind(lower), store), bind(target), store);
    differ.apply(differ.diff(bind(lower), bind(upper), store), bind(target), store);

    assertThat(TreeListing.of(target, SECONDS)).isEqualTo(TreeListing.of(upper, SECONDS));
  }

  @Test
  void applyReadsGzipCompressedLayers() throws IOException {
    Path upper = tmp.resolve("upper");
    SampleTree.create(upper);
    Descriptor plain = differ.diff(List.of(), bind(upper), store);
    Descriptor gzipped;
    try (ContentStore.Writer w = store.writer("gz", java.util.Optional.empty())) {
      try (InputStream in = store.open(plain.digest());
          GzipCompressorOutputStream gz = new GzipCompressorOutputStream(w.stream())) {
        in.transferTo(gz);
      }
      long size = w.written();
      gzipped = new Descriptor(MediaTypes.LAYER_TAR_GZIP, w.commit(), size);
    }
    Path target = Files.createDirectory(tmp.resolve("target"));

    differ.apply(gzipped, bind(target), store);

    assertThat(TreeListing.of(target, SECONDS)).isEqualTo(TreeListing.of(upper, SECONDS));
  }
}

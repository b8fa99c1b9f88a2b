package dev.jbuild.diff;

import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.fs.FsOps;
import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.fs.Overrides;
import dev.jbuild.fs.SampleTree;
import dev.jbuild.fs.TreeListing;
import dev.jbuild.snapshots.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree holding every kind of entry a layer can carry, diffed by us and read by outside readers: Python's
 * tarfile (what it sees in the PAX records, byte for byte), GNU tar --xattrs and umoci (unpacked, each
 * must equal the tree). Needs root, python3, GNU tar and umoci.
 */
class EveryKindLayerTest {
  @TempDir Path tmp;
  private ContentStore store;
  private final TarDiffer differ = new TarDiffer();
  private Path tree;

  @BeforeEach
  void setUp() throws IOException {
    store = ContentStore.local(tmp.resolve("content"));
    tree = tmp.resolve("tree");
    SampleTree.createEveryKind(tree);
  }

  private static List<Mount> bind(Path dir) {
    return List.of(Mount.bind(dir.toString(), false));
  }

  private Path layerFile(Descriptor d) throws IOException {
    Path f = tmp.resolve("layer.tar");
    try (InputStream in = store.open(d.digest())) {
      Files.copy(in, f);
    }
    return f;
  }

  @Test
  void pythonTarfileSeesEveryKindAndTheRawXattrBytes() throws Exception {
    Map<String, PythonTarfile.Member> m = PythonTarfile.byName(PythonTarfile.read(layerFile(differ.diff(List.of(), bind(tree), store))));

    HexFormat hex = HexFormat.of();
    assertThat(m.get("usr/bin/tool").pax()).containsEntry("SCHILY.xattr.security.capability", hex.formatHex(SampleTree.CAP_NET_RAW));
    assertThat(m.get("usr/bin/tool").mode() & 07777).isEqualTo(04755);
    assertThat(m.get("tmp").pax()).containsEntry("SCHILY.xattr.trusted.binary", "00ffc3280a3d");
    assertThat(m.get("hello.txt").pax()).containsEntry("SCHILY.xattr.user.comment",
        hex.formatHex("d\u00e9j\u00e0 vu".getBytes(StandardCharsets.UTF_8)));
    assertThat(m.get("home/app/abs").pax()).containsEntry("SCHILY.xattr.trusted.on-symlink", "01");
    assertThat(m.get("dev/null")).extracting(PythonTarfile.Member::type, PythonTarfile.Member::devmajor,
        PythonTarfile.Member::devminor).containsExactly("3", 1, 3);
    assertThat(m.get("dev/vdz")).extracting(PythonTarfile.Member::type, PythonTarfile.Member::devmajor,
        PythonTarfile.Member::devminor).containsExactly("4", 259, 70000);
    assertThat(m.get("dev/pipe").type()).isEqualTo("6");
    assertThat(m.get(SampleTree.LONG_NAME)).extracting(PythonTarfile.Member::uid, PythonTarfile.Member::gid)
        .containsExactly((long) SampleTree.HIGH_UID, SampleTree.HIGH_UID + 1L);
    assertThat(m.get(SampleTree.LONG_NAME).pax()).containsKeys("path", "uid", "gid");
    assertThat(m).containsKey(SampleTree.UTF8_NAME);
    assertThat(m.get("home/app/data-link").type()).isEqualTo("1");
    assertThat(m.get("dangling").pax()).isEmpty();
  }

  @Test
  void gnuTarWithXattrsUnpacksTheLayerIntoTheSameTree() throws Exception {
    Path layer = layerFile(differ.diff(List.of(), bind(tree), store));
    Path out = Files.createDirectory(tmp.resolve("gnu-tar"));

    Process p = new ProcessBuilder("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "--same-owner",
        "-xpf", layer.toString(), "-C", out.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("GNU tar: " + log).isTrue();

    assertThat(TreeListing.of(out, SECONDS)).isEqualTo(TreeListing.of(tree, SECONDS));
    assertThat(LinuxCalls.getXattr(out.resolve("usr/bin/tool"), "security.capability")).isEqualTo(SampleTree.CAP_NET_RAW);
  }

  @Test
  void umociUnpacksTheLayerIntoTheSameTree() throws Exception {
    Descriptor d = differ.diff(List.of(), bind(tree), store);
    Path layout = OciLayoutForTest.write(tmp.resolve("layout"), layerFile(d), d.digest().hex());
    Path bundle = tmp.resolve("bundle");

    // umoci is the OCI project's own unpacker: an independent reading of the layer, xattrs included
    Process p = new ProcessBuilder("umoci", "raw", "unpack", "--image", layout + ":t", bundle.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("umoci: " + log).isTrue();

    assertThat(TreeListing.of(bundle, SECONDS)).isEqualTo(TreeListing.of(tree, SECONDS));
    assertThat(LinuxCalls.getXattr(bundle.resolve("usr/bin/tool"), "security.capability"))
        .isEqualTo(SampleTree.CAP_NET_RAW);
  }

  @Test
  void ourApplyOfOurLayerGivesTheSameTree() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("applied"));

    differ.apply(differ.diff(List.of(), bind(tree), store), bind(out), store);

    assertThat(TreeListing.of(out, SECONDS)).isEqualTo(TreeListing.of(tree, SECONDS));
  }

  @Test
  void aChangeOfAnXattrOrADeviceNumberAloneIsAChange() throws Exception {
    Path upper = tmp.resolve("upper");
    FsOps.copyTree(tree, upper, Overrides.NONE);
    LinuxCalls.setXattr(upper.resolve("hello.txt"), "user.comment", new byte[] {'x'});
    Files.delete(upper.resolve("dev/null"));
    FsOps.mknod(upper.resolve("dev/null"), dev.jbuild.fs.FileMeta.Type.CHAR, 1, 5);
    SampleTree.meta(upper.resolve("dev/null"), 0666, 0, 0, SampleTree.T1);
    SampleTree.meta(upper.resolve("dev"), 0755, 0, 0, SampleTree.T1);

    Descriptor d = differ.diff(bind(tree), bind(upper), store);

    Map<String, PythonTarfile.Member> m = PythonTarfile.byName(PythonTarfile.read(layerFile(d)));
    assertThat(m.keySet()).containsExactly("dev", "dev/null", "hello.txt");
    assertThat(m.get("hello.txt").pax()).containsEntry("SCHILY.xattr.user.comment", "78");
    assertThat(m.get("dev/null").devminor()).isEqualTo(5);
  }
}

package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.jbuild.daemon.session.RegistryCredentials.ANONYMOUS;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.diff.MediaTypes;
import dev.jbuild.proto.ops.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platform selection, digest checks and the blob cache, against a registry in memory (the point here). */
class RemoteRegistryTest {
  private static final Platform AMD64 = Platform.newBuilder().setOs("linux").setArchitecture("amd64").build();

  @TempDir Path dir;
  private final FakeRegistryTransportForTest fake = new FakeRegistryTransportForTest();
  private ContentStore store;
  private RemoteRegistry registry;

  @BeforeEach
  void setUp() throws Exception {
    store = ContentStore.local(dir);
    registry = new RemoteRegistry(fake, store);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static RemoteManifest.Entry entry(RemoteManifest.Image m, String arch) {
    return new RemoteManifest.Entry(m.digest(), "linux", arch);
  }

  @Test
  void aManifestListGivesTheAmd64ImagePinnedToTheListsDigest() throws Exception {
    var arm = fake.image("arm64", "v8", bytes("arm layer"));
    var amd = fake.image("amd64", null, bytes("amd layer"));
    var index = fake.index("1", List.of(entry(arm, "arm64"), entry(amd, "amd64")));

    ResolvedManifest m = registry.resolve(ImageRef.parse("127.0.0.1:5000/app:1"), AMD64, ANONYMOUS);

    assertThat(m.manifest()).isEqualTo(amd.digest());
    assertThat(m.ref().toString()).isEqualTo("127.0.0.1:5000/app:1@" + index.digest());
    assertThat(m.image().architecture()).isEqualTo("amd64");
    assertThat(m.layers()).isEqualTo(amd.layers());
    assertThat(store.info(amd.config().digest())).isPresent();
  }

  @Test
  void theVariantDecidesBetweenImagesOfOneArchitecture() throws Exception {
    var v3 = fake.image("amd64", "v3", bytes("v3 layer"));
    var plain = fake.image("amd64", null, bytes("plain layer"));
    fake.index("latest", List.of(entry(v3, "amd64"), entry(plain, "amd64")));

    assertThat(registry.resolve(ImageRef.parse("localhost/app"), AMD64, ANONYMOUS).manifest())
        .isEqualTo(plain.digest());
    assertThat(registry.resolve(ImageRef.parse("localhost/app"), AMD64.toBuilder().setVariant("v3").build(), ANONYMOUS)
        .manifest()).isEqualTo(v3.digest());
  }

  @Test
  void arm64WithoutAVariantMeansV8() throws Exception {
    var v8 = fake.image("arm64", "v8", bytes("v8 layer"));
    fake.index("latest", List.of(entry(v8, "arm64")));

    Platform arm64 = Platform.newBuilder().setOs("linux").setArchitecture("arm64").build();
    assertThat(registry.resolve(ImageRef.parse("localhost/app"), arm64, ANONYMOUS).manifest()).isEqualTo(v8.digest());
  }

  @Test
  void aListWithoutThePlatformNamesWhatItHas() throws Exception {
    var arm = fake.image("arm64", "v8", bytes("arm layer"));
    fake.index("latest", List.of(entry(arm, "arm64")));

    assertThatThrownBy(() -> registry.resolve(ImageRef.parse("localhost/app"), AMD64, ANONYMOUS))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("no image for linux/amd64").hasMessageContaining("linux/arm64");
  }

  @Test
  void aPinnedReferenceIsFetchedByDigestAndMustMatchIt() throws Exception {
    var amd = fake.image("amd64", null, bytes("layer"));
    ImageRef pinned = ImageRef.parse("localhost/app:1@" + amd.digest());
    assertThat(registry.resolve(pinned, AMD64, ANONYMOUS).manifest()).isEqualTo(amd.digest());

    Digest other = Digest.of("another manifest");
    fake.tag(other.toString(), amd); // the registry answers another digest's request with this manifest
    assertThatThrownBy(() -> registry.resolve(ImageRef.parse("localhost/app@" + other), AMD64, ANONYMOUS))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("digest is " + amd.digest()).hasMessageContaining("not the one the reference names");
  }

  @Test
  void aSingleImageManifestIsTakenAsItIs() throws Exception {
    var amd = fake.image("amd64", null, bytes("layer"));
    fake.tag("2", amd);
    ResolvedManifest m = registry.resolve(ImageRef.parse("localhost/app:2"), AMD64, ANONYMOUS);
    assertThat(m.ref().digest()).contains(amd.digest());
    assertThat(m.manifest()).isEqualTo(amd.digest());
  }

  @Test
  void aBlobInTheStoreIsNotFetchedAgain() throws Exception {
    Descriptor layer = fake.blob(MediaTypes.LAYER_TAR, bytes("some layer"));
    ImageRef ref = ImageRef.parse("localhost/app");
    registry.fetchBlob(ref, layer, ANONYMOUS);
    registry.fetchBlob(ref, layer, ANONYMOUS);
    assertThat(fake.blobsServed).containsExactly(layer.digest());
    assertThat(store.info(layer.digest()).orElseThrow().size()).isEqualTo(layer.size());
  }

  @Test
  void aBlobWhoseBytesDoNotMatchItsDigestIsRefused() throws Exception {
    Descriptor layer = fake.blob(MediaTypes.LAYER_TAR, bytes("good bytes"));
    fake.corrupt(layer.digest(), bytes("evil bytes"));
    assertThatThrownBy(() -> registry.fetchBlob(ImageRef.parse("localhost/app"), layer, ANONYMOUS))
        .isInstanceOf(RegistryException.class).hasMessageContaining(layer.digest().toString());
    assertThat(store.info(layer.digest())).isEmpty();
  }
}

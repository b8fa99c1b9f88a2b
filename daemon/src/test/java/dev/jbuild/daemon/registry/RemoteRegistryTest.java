package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.jbuild.daemon.session.RegistryCredentials.ANONYMOUS;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.session.RegistryCredential;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.diff.MediaTypes;
import dev.jbuild.proto.ops.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  @Test
  void aTagIsAskedForEachTimeButWhatItNamesComesFromTheStore() throws Exception {
    var arm = fake.image("arm64", "v8", bytes("arm layer"));
    var amd = fake.image("amd64", null, bytes("amd layer"));
    var index = fake.index("1", List.of(entry(arm, "arm64"), entry(amd, "amd64")));
    ImageRef tag = ImageRef.parse("localhost/app:1");

    ResolvedManifest first = registry.resolve(tag, AMD64, ANONYMOUS);
    ResolvedManifest second = registry.resolve(tag, AMD64, ANONYMOUS);

    assertThat(fake.manifestsServed).containsExactly("1", amd.digest().toString(), "1");
    assertThat(fake.blobsServed).containsExactly(amd.config().digest());
    assertThat(second).isEqualTo(first);
    assertThat(store.info(index.digest())).as("the list, kept under its digest").isPresent();
    assertThat(store.info(amd.digest())).isPresent();
  }

  @Test
  void aPinnedReferenceWhoseManifestIsInTheStoreNeedsNoRegistry() throws Exception {
    var amd = fake.image("amd64", null, bytes("layer"));
    fake.tag("1", amd);
    ResolvedManifest byTag = registry.resolve(ImageRef.parse("localhost/app:1"), AMD64, ANONYMOUS);
    fake.manifestsServed.clear();

    ResolvedManifest pinned = registry.resolve(byTag.ref(), AMD64, ANONYMOUS);

    assertThat(fake.manifestsServed).isEmpty();
    assertThat(pinned.manifest()).isEqualTo(amd.digest());
    assertThat(pinned.layers()).isEqualTo(amd.layers());
  }

  @Test
  void twoCallersFetchingOneBlobShareOneDownload() throws Exception {
    Descriptor layer = fake.blob(MediaTypes.LAYER_TAR, bytes("shared layer"));
    fake.holdBlobs();
    Fetcher first = new Fetcher(layer);
    assertThat(fake.blobStarted.await(10, TimeUnit.SECONDS)).isTrue();
    Fetcher second = new Fetcher(layer).awaitWaiting();

    fake.releaseBlobs();

    assertThat(first.outcome()).isNull();
    assertThat(second.outcome()).isNull();
    assertThat(fake.blobsServed).containsExactly(layer.digest());
    assertThat(store.info(layer.digest())).isPresent();
  }

  @Test
  void aWaiterThatIsCancelledStopsWaitingAndLeavesTheDownloadRunning() throws Exception {
    Descriptor layer = fake.blob(MediaTypes.LAYER_TAR, bytes("layer for two"));
    fake.holdBlobs();
    Fetcher downloading = new Fetcher(layer);
    assertThat(fake.blobStarted.await(10, TimeUnit.SECONDS)).isTrue();
    Fetcher waiting = new Fetcher(layer).awaitWaiting();

    waiting.thread.interrupt();

    assertThat(waiting.outcome()).isInstanceOf(InterruptedException.class);
    assertThat(downloading.ended.getCount()).as("the other build's download goes on").isEqualTo(1);
    fake.releaseBlobs();
    assertThat(downloading.outcome()).isNull();
    assertThat(fake.blobsServed).containsExactly(layer.digest());
    assertThat(store.info(layer.digest())).isPresent();
  }

  @Test
  void whenTheDownloadingCallerIsCancelledTheWaiterDownloadsItself() throws Exception {
    Descriptor layer = fake.blob(MediaTypes.LAYER_TAR, bytes("layer, fetched twice"));
    fake.holdBlobs();
    Fetcher downloading = new Fetcher(layer);
    assertThat(fake.blobStarted.await(10, TimeUnit.SECONDS)).isTrue();
    Fetcher waiting = new Fetcher(layer).awaitWaiting();
    CountDownLatch retried = fake.blobStarted = new CountDownLatch(1);

    downloading.thread.interrupt();

    assertThat(downloading.outcome()).isInstanceOf(InterruptedException.class);
    assertThat(retried.await(10, TimeUnit.SECONDS)).as("the waiter starts its own download").isTrue();
    fake.releaseBlobs();
    assertThat(waiting.outcome()).isNull();
    assertThat(fake.blobsServed).containsExactly(layer.digest(), layer.digest());
    assertThat(store.info(layer.digest())).isPresent();
  }

  @Test
  void aFailedDownloadFailsItsWaitersWithItsMessage() throws Exception {
    Descriptor layer = fake.blob(MediaTypes.LAYER_TAR, bytes("good bytes"));
    fake.corrupt(layer.digest(), bytes("evil bytes"));
    fake.holdBlobs();
    Fetcher first = new Fetcher(layer);
    assertThat(fake.blobStarted.await(10, TimeUnit.SECONDS)).isTrue();
    Fetcher second = new Fetcher(layer).awaitWaiting();

    fake.releaseBlobs();

    assertThat(first.outcome()).isInstanceOf(RegistryException.class);
    assertThat(second.outcome()).isInstanceOf(RegistryException.class)
        .hasMessage(first.outcome().getMessage());
    assertThat(fake.blobsServed).as("the waiter did not ask again").hasSize(1);
  }

  @Test
  void aDownloadRefusedToOneBuildsCredentialsIsTriedAgainByTheBuildWaitingForIt() throws Exception {
    Descriptor layer = fake.blob(MediaTypes.LAYER_TAR, bytes("private layer"));
    fake.refuseAnonymousBlobs = true;
    fake.holdBlobs();
    Fetcher anonymous = new Fetcher(layer, ANONYMOUS);
    assertThat(fake.blobStarted.await(10, TimeUnit.SECONDS)).isTrue();
    RegistryCredentials loggedIn = new RegistryCredentials() {
      @Override
      public Optional<RegistryCredential> forHost(String host) {
        return Optional.empty();
      }

      @Override
      public Optional<RegistryCredential> given(String host) {
        return Optional.empty();
      }
    };
    Fetcher withLogin = new Fetcher(layer, loggedIn).awaitWaiting();

    fake.releaseBlobs();

    assertThat(anonymous.outcome()).isInstanceOf(RegistryRefusedException.class);
    assertThat(withLogin.outcome()).as("its own try, with its own credentials").isNull();
    assertThat(fake.blobsServed).containsExactly(layer.digest(), layer.digest());
  }

  /** fetchBlob on a thread of its own, as two builds would call it. */
  private final class Fetcher {
    final Thread thread;
    final CountDownLatch ended = new CountDownLatch(1);
    private volatile Exception failure;

    Fetcher(Descriptor blob) {
      this(blob, ANONYMOUS);
    }

    Fetcher(Descriptor blob, RegistryCredentials credentials) {
      thread = new Thread(() -> {
        try {
          registry.fetchBlob(ImageRef.parse("localhost/app"), blob, credentials);
        } catch (Exception e) {
          failure = e;
        } finally {
          ended.countDown();
        }
      }, "fetch");
      thread.setDaemon(true);
      thread.start();
    }

    /** Returns once this caller is parked waiting for another caller's download. */
    Fetcher awaitWaiting() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
      return this;
    }

    /** How fetchBlob ended: null when it returned, else what it threw. */
    Exception outcome() throws InterruptedException {
      assertThat(ended.await(10, TimeUnit.SECONDS)).as("fetchBlob returned").isTrue();
      return failure;
    }
  }
}

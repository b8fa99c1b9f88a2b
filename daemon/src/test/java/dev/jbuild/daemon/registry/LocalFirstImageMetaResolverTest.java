package dev.jbuild.daemon.registry;

import static dev.jbuild.daemon.session.RegistryCredentials.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.frontend.ImageMetaResolver;
import dev.jbuild.daemon.frontend.ResolveMode;
import dev.jbuild.daemon.frontend.ResolvedImage;
import dev.jbuild.daemon.image.ContainerConfig;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.image.Json;
import dev.jbuild.daemon.images.ImageName;
import dev.jbuild.daemon.images.ImageStore;
import dev.jbuild.metadata.MetadataDb;
import dev.jbuild.proto.ops.Platform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker's order for FROM: the local image store, then the registry; --pull skips the store. */
class LocalFirstImageMetaResolverTest {
  private static final Platform AMD64 = Platform.newBuilder().setOs("linux").setArchitecture("amd64").build();
  private static final Digest MANIFEST = Digest.of("a manifest");

  @TempDir Path root;
  private MetadataDb db;
  private ContentStore store;
  private ImageStore images;
  private final List<String> askedTheRegistry = new ArrayList<>();
  private final ImageMetaResolver registry = (ref, platform, mode, credentials) -> {
    askedTheRegistry.add(ref);
    return new ResolvedImage("from the registry", "sha256:" + "0".repeat(64), ImageConfig.scratch());
  };
  private LocalFirstImageMetaResolver resolver;

  @BeforeEach
  void open() throws Exception {
    db = MetadataDb.open(root);
    store = ContentStore.local(root.resolve("content"));
    images = new ImageStore(db);
    resolver = new LocalFirstImageMetaResolver(images, store, registry);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private void tagLocal(String name, String architecture) throws Exception {
    ImageConfig config = new ImageConfig(null, null, architecture, "linux", null,
        ContainerConfig.empty().toBuilder().workingDir("/srv").build(), new ImageConfig.RootFs("layers", List.of()),
        List.of());
    Digest configDigest;
    try (ContentStore.Writer w = store.writer("config", Optional.empty())) {
      w.stream().write(Json.bytes(config));
      configDigest = w.commit();
    }
    images.tag(List.of(ImageName.parse(name)), MANIFEST, configDigest, 0, Instant.now());
  }

  @Test
  void aTaggedLocalImageIsUsedWithoutTheRegistry() throws Exception {
    tagLocal("localhost:5000/app:1", "amd64");

    ResolvedImage image = resolver.resolve("localhost:5000/app:1", AMD64, ResolveMode.LOCAL_FIRST, ANONYMOUS);

    assertThat(image.ref()).isEqualTo("localhost:5000/app:1@" + MANIFEST);
    assertThat(image.digest()).isEqualTo(MANIFEST.toString());
    assertThat(image.config().config().workingDir()).isEqualTo("/srv");
    assertThat(askedTheRegistry).isEmpty();
  }

  @Test
  void pullGoesToTheRegistryEvenWhenTheTagIsLocal() throws Exception {
    tagLocal("app", "amd64");
    assertThat(resolver.resolve("app", AMD64, ResolveMode.FORCE_PULL, ANONYMOUS).ref()).isEqualTo("from the registry");
    assertThat(askedTheRegistry).containsExactly("app");
  }

  @Test
  void aNameTheStoreDoesNotHaveGoesToTheRegistry() throws Exception {
    tagLocal("app:1", "amd64");
    resolver.resolve("app:2", AMD64, ResolveMode.LOCAL_FIRST, ANONYMOUS);
    resolver.resolve("app@" + MANIFEST, AMD64, ResolveMode.LOCAL_FIRST, ANONYMOUS);
    assertThat(askedTheRegistry).containsExactly("app:2", "app@" + MANIFEST);
  }

  @Test
  void aLocalImageOfAnotherPlatformIsNotUsed() throws Exception {
    tagLocal("app", "arm64");
    assertThat(resolver.resolve("app", AMD64, ResolveMode.LOCAL_FIRST, ANONYMOUS).ref()).isEqualTo("from the registry");
  }
}

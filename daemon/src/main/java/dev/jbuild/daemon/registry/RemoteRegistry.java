package dev.jbuild.daemon.registry;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.image.Json;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.proto.ops.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Registry} over a {@link RegistryTransport}: picks the platform's image out of manifest lists, checks
 * pinned digests, and keeps every manifest and blob in the content store, verified. Only a tag goes to the
 * registry every time; whatever is named by digest is read from the store once it is there, and concurrent
 * callers wanting the same digest share one download ({@link FetchOnce}).
 */
public final class RemoteRegistry implements Registry {
  private final RegistryTransport transport;
  private final ContentStore store;
  private final FetchOnce fetches = new FetchOnce();
  private final StoredManifests manifests;

  RemoteRegistry(RegistryTransport transport, ContentStore store) {
    this.transport = transport;
    this.store = store;
    this.manifests = new StoredManifests(transport, store, fetches);
  }

  /** The daemon's registry access: jib-core's client, bounded by {@code options}, asking mirrors first. */
  public static Registry jib(ContentStore store, RegistryOptions options) {
    return new RemoteRegistry(new MirroredTransport(new JibTransport(options), options), store);
  }

  @Override
  public ResolvedManifest resolve(ImageRef ref, Platform platform, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    RemoteManifest top = ref.digest().isPresent()
        ? manifests.byDigest(ref, ref.digest().get(), "the reference", credentials)
        : manifests.byTag(ref, credentials);
    ImageRef pinned = ref.pinned(top.digest());
    if (top instanceof RemoteManifest.Image image) {
      return resolved(pinned, image, credentials);
    }
    RemoteManifest.Index index = (RemoteManifest.Index) top;
    List<String> seen = new ArrayList<>();
    for (RemoteManifest.Entry entry : index.entries()) {
      if (!PlatformMatch.osAndArchitecture(platform, entry.os(), entry.architecture())) {
        seen.add(entry.os() + "/" + entry.architecture());
        continue;
      }
      RemoteManifest child = manifests.byDigest(pinned, entry.digest(), "the manifest list", credentials);
      if (!(child instanceof RemoteManifest.Image image)) {
        throw new RegistryException(ref + ": the list's entry " + entry.digest() + " is a list itself");
      }
      ResolvedManifest candidate = resolved(pinned, image, credentials);
      if (PlatformMatch.variant(platform, candidate.image().variant())) {
        return candidate;
      }
      seen.add(entry.os() + "/" + entry.architecture() + "/" + candidate.image().variant());
    }
    throw new RegistryException(ref + ": no image for " + PlatformMatch.describe(platform)
        + " in the manifest list (it has: " + (seen.isEmpty() ? "nothing" : String.join(", ", seen)) + ")");
  }

  private ResolvedManifest resolved(ImageRef pinned, RemoteManifest.Image image, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    fetchBlob(pinned, image.config(), credentials);
    ImageConfig config;
    try (InputStream in = store.open(image.config().digest())) {
      config = Json.read(in.readAllBytes(), ImageConfig.class);
    } catch (IOException e) {
      throw new RegistryException(pinned + ": the image config " + image.config().digest()
          + " is not valid JSON: " + e.getMessage(), e);
    }
    return new ResolvedManifest(pinned, image.digest(), image.config(), config, image.layers());
  }

  @Override
  public void fetchBlob(ImageRef ref, Descriptor blob, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    if (!stored(ref, blob.digest())) {
      fetches.fetch(blob.digest(), () -> {
        if (!stored(ref, blob.digest())) {
          download(ref, blob, credentials);
        }
      });
    }
  }

  private boolean stored(ImageRef ref, Digest digest) throws RegistryException {
    try {
      return store.info(digest).isPresent();
    } catch (IOException e) {
      throw new RegistryException(ref + ": the content store: " + e.getMessage(), e);
    }
  }

  private void download(ImageRef ref, Descriptor blob, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    Digest digest = blob.digest();
    try (ContentStore.Writer w = store.writer("pull-" + digest.hex() + "-" + UUID.randomUUID(),
        Optional.of(digest))) {
      transport.blob(ref, digest, w.stream(), credentials);
      if (w.written() != blob.size()) {
        throw new RegistryException(ref + ": blob " + digest + " has " + w.written()
            + " bytes, the manifest says " + blob.size());
      }
      w.commit(); // verifies the digest
    } catch (IOException e) {
      throw new RegistryException(ref + ": storing blob " + digest + ": " + e.getMessage(), e);
    }
  }
}

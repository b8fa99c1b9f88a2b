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
 * pinned digests, and keeps every blob in the content store, verified.
 */
public final class RemoteRegistry implements Registry {
  private final RegistryTransport transport;
  private final ContentStore store;

  RemoteRegistry(RegistryTransport transport, ContentStore store) {
    this.transport = transport;
    this.store = store;
  }

  /** The daemon's registry access: jib-core's client, bounded by {@code options}, asking mirrors first. */
  public static Registry jib(ContentStore store, RegistryOptions options) {
    return new RemoteRegistry(new MirroredTransport(new JibTransport(options), options), store);
  }

  @Override
  public ResolvedManifest resolve(ImageRef ref, Platform platform, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    RemoteManifest top = transport.manifest(ref, ref.reference(), credentials);
    if (ref.digest().isPresent() && !ref.digest().get().equals(top.digest())) {
      throw new RegistryException(ref + ": the registry sent a manifest whose digest is " + top.digest()
          + ", not the one the reference names");
    }
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
      RemoteManifest child = transport.manifest(ref, entry.digest().toString(), credentials);
      if (!child.digest().equals(entry.digest())) {
        throw new RegistryException(ref + ": the registry sent manifest " + child.digest() + " for "
            + entry.digest() + " of the list");
      }
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
    Digest digest = blob.digest();
    try {
      if (store.info(digest).isPresent()) {
        return;
      }
      try (ContentStore.Writer w = store.writer("pull-" + digest.hex() + "-" + UUID.randomUUID(),
          Optional.of(digest))) {
        transport.blob(ref, digest, w.stream(), credentials);
        if (w.written() != blob.size()) {
          throw new RegistryException(ref + ": blob " + digest + " has " + w.written()
              + " bytes, the manifest says " + blob.size());
        }
        w.commit(); // verifies the digest
      }
    } catch (IOException e) {
      throw new RegistryException(ref + ": storing blob " + digest + ": " + e.getMessage(), e);
    }
  }
}

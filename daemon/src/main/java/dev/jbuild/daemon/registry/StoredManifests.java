package dev.jbuild.daemon.registry;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * Manifests kept in the content store under their digest, as the registry sent them (the store verifies
 * the bytes against the digest). A manifest asked for by digest is read from the store when it is there, so
 * a pinned reference (what the frontend hands the pull step, or a FROM name@sha256:...) resolves without the
 * network; a tag always asks the registry, once per call: tags move.
 */
final class StoredManifests {
  private final RegistryTransport transport;
  private final ContentStore store;
  private final FetchOnce fetches;

  StoredManifests(RegistryTransport transport, ContentStore store, FetchOnce fetches) {
    this.transport = transport;
    this.store = store;
    this.fetches = fetches;
  }

  /** What {@code image}'s tag names now: one GET to the registry; the bytes are kept for later pinned reads. */
  RemoteManifest byTag(ImageRef image, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    byte[] bytes = transport.manifest(image, image.name().tag(), credentials);
    Digest digest = Digest.of(bytes);
    if (!stored(image, digest)) {
      keep(image, digest, bytes);
    }
    return ManifestJson.parse(image, digest, bytes);
  }

  /**
   * The manifest {@code digest} of {@code image}'s repository, from the store, else from the registry (one
   * download however many callers ask at once).
   *
   * @param namedBy what names the digest, for the message when the registry sends other bytes
   *                ("the reference", "the manifest list")
   */
  RemoteManifest byDigest(ImageRef image, Digest digest, String namedBy, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    if (!stored(image, digest)) {
      fetches.fetch(digest, () -> {
        if (!stored(image, digest)) {
          byte[] bytes = transport.manifest(image, digest.toString(), credentials);
          Digest got = Digest.of(bytes);
          if (!got.equals(digest)) {
            throw new RegistryException(image + ": the registry sent a manifest whose digest is " + got
                + " for " + digest + ", not the one " + namedBy + " names");
          }
          keep(image, digest, bytes);
        }
      });
    }
    try (InputStream in = store.open(digest)) {
      return ManifestJson.parse(image, digest, in.readAllBytes());
    } catch (IOException e) {
      throw new RegistryException(image + ": reading manifest " + digest + " from the content store: "
          + e.getMessage(), e);
    }
  }

  private boolean stored(ImageRef image, Digest digest) throws RegistryException {
    try {
      return store.info(digest).isPresent();
    } catch (IOException e) {
      throw new RegistryException(image + ": the content store: " + e.getMessage(), e);
    }
  }

  private void keep(ImageRef image, Digest digest, byte[] bytes) throws RegistryException {
    try (ContentStore.Writer w = store.writer("manifest-" + digest.hex() + "-" + UUID.randomUUID(),
        Optional.of(digest))) {
      w.stream().write(bytes);
      w.commit(); // an existing blob is success: concurrent builds may keep the same manifest
    } catch (IOException e) {
      throw new RegistryException(image + ": storing manifest " + digest + ": " + e.getMessage(), e);
    }
  }
}

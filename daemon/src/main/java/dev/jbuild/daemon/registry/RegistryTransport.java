package dev.jbuild.daemon.registry;

import dev.jbuild.content.Digest;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.io.OutputStream;

/**
 * The two registry calls the puller needs, over the wire (jib-core in the daemon; a fake in tests).
 * Implementations are thread-safe, bound every call in time and stop it when the calling thread is
 * interrupted. A call is anonymous unless the registry refuses it or {@link RegistryCredentials#given} has
 * credentials for the registry already; a refused call asks {@code credentials} and is made once more.
 */
interface RegistryTransport {

  /** GET /v2/{repository}/manifests/{reference}: the manifest and the digest of the bytes received. */
  RemoteManifest manifest(ImageRef image, String reference, RegistryCredentials credentials)
      throws RegistryException, InterruptedException;

  /** GET /v2/{repository}/blobs/{digest}, streamed to {@code out} (which checks the digest). */
  void blob(ImageRef image, Digest digest, OutputStream out, RegistryCredentials credentials)
      throws RegistryException, InterruptedException;
}

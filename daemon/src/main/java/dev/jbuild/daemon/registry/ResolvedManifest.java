package dev.jbuild.daemon.registry;

import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.image.ImageConfig;
import java.util.List;

/**
 * An image found in a registry for one platform.
 *
 * @param ref      the reference pinned to what the tag named (a manifest list's digest when it was a list,
 *                 as BuildKit pins FROM), so resolving it again gives the same image
 * @param manifest the digest of the chosen platform's image manifest
 * @param config   the config blob's descriptor (the blob is in the content store)
 * @param image    the parsed config
 * @param layers   the layer blobs, bottom first, as the manifest lists them (usually gzip-compressed tars)
 */
public record ResolvedManifest(ImageRef ref, Digest manifest, Descriptor config, ImageConfig image,
    List<Descriptor> layers) {
  public ResolvedManifest {
    layers = List.copyOf(layers);
  }
}

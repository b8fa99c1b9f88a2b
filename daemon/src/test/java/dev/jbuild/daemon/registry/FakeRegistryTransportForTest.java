package dev.jbuild.daemon.registry;

import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.image.ContainerConfig;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.image.Json;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.diff.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A registry in memory: manifests by tag or digest, blobs by digest; counts the blob downloads. */
final class FakeRegistryTransportForTest implements RegistryTransport {
  private final Map<String, RemoteManifest> manifests = new HashMap<>();
  private final Map<Digest, byte[]> blobs = new HashMap<>();
  final List<Digest> blobsServed = new ArrayList<>();

  /** Adds an image whose config says {@code arch}/{@code variant} and whose one layer is {@code layer}. */
  RemoteManifest.Image image(String arch, String variant, byte[] layer) {
    ImageConfig config = new ImageConfig(null, null, arch, "linux", variant,
        ContainerConfig.empty(), new ImageConfig.RootFs("layers", List.of(Digest.of(layer).toString())), List.of());
    Descriptor configBlob = blob(MediaTypes.IMAGE_CONFIG, Json.bytes(config));
    Descriptor layerBlob = blob(MediaTypes.LAYER_TAR, layer);
    Digest digest = Digest.of("manifest of " + arch + variant + Digest.of(layer));
    RemoteManifest.Image m = new RemoteManifest.Image(digest, MediaTypes.IMAGE_MANIFEST, configBlob, List.of(layerBlob));
    manifests.put(digest.toString(), m);
    return m;
  }

  RemoteManifest.Index index(String tag, List<RemoteManifest.Entry> entries) {
    RemoteManifest.Index index = new RemoteManifest.Index(Digest.of("index " + entries), entries);
    manifests.put(tag, index);
    manifests.put(index.digest().toString(), index);
    return index;
  }

  void tag(String tag, RemoteManifest m) {
    manifests.put(tag, m);
  }

  Descriptor blob(String mediaType, byte[] bytes) {
    Digest d = Digest.of(bytes);
    blobs.put(d, bytes);
    return new Descriptor(mediaType, d, bytes.length);
  }

  /** Makes the registry send {@code bytes} for {@code digest}, whatever they hash to. */
  void corrupt(Digest digest, byte[] bytes) {
    blobs.put(digest, bytes);
  }

  @Override
  public RemoteManifest manifest(ImageRef image, String reference, RegistryCredentials credentials)
      throws RegistryException {
    RemoteManifest m = manifests.get(reference);
    if (m == null) {
      throw new RegistryException(image + ": manifest unknown: " + reference);
    }
    return m;
  }

  @Override
  public void blob(ImageRef image, Digest digest, OutputStream out, RegistryCredentials credentials)
      throws RegistryException {
    byte[] bytes = blobs.get(digest);
    if (bytes == null) {
      throw new RegistryException(image + ": blob unknown: " + digest);
    }
    blobsServed.add(digest);
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new RegistryException(e.getMessage(), e);
    }
  }
}

package dev.jbuild.daemon.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.daemon.image.ContainerConfig;
import dev.jbuild.daemon.image.ImageConfig;
import dev.jbuild.daemon.image.Json;
import dev.jbuild.daemon.image.OciDescriptor;
import dev.jbuild.daemon.image.OciManifest;
import dev.jbuild.daemon.session.RegistryCredentials;
import dev.jbuild.diff.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A registry in memory: manifests (real JSON) by tag or digest, blobs by digest; records what it serves.
 * {@link #holdBlobs} makes blob transfers wait until released, to line up concurrent callers.
 */
final class FakeRegistryTransportForTest implements RegistryTransport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
  final List<Digest> blobsServed = Collections.synchronizedList(new ArrayList<>());
  final List<String> manifestsServed = Collections.synchronizedList(new ArrayList<>());
  /** Counted down when a blob transfer starts. */
  volatile CountDownLatch blobStarted = new CountDownLatch(1);
  private volatile CountDownLatch release = new CountDownLatch(0);
  /** When set, blob requests made with {@link RegistryCredentials#ANONYMOUS} are refused (after any hold). */
  volatile boolean refuseAnonymousBlobs;

  /** Adds an image whose config says {@code arch}/{@code variant} and whose one layer is {@code layer}. */
  RemoteManifest.Image image(String arch, String variant, byte[] layer) {
    ImageConfig config = new ImageConfig(null, null, arch, "linux", variant,
        ContainerConfig.empty(), new ImageConfig.RootFs("layers", List.of(Digest.of(layer).toString())), List.of());
    Descriptor configBlob = blob(MediaTypes.IMAGE_CONFIG, Json.bytes(config));
    Descriptor layerBlob = blob(MediaTypes.LAYER_TAR, layer);
    byte[] bytes = Json.bytes(new OciManifest(2, MediaTypes.IMAGE_MANIFEST, OciDescriptor.of(configBlob),
        List.of(OciDescriptor.of(layerBlob))));
    Digest digest = Digest.of(bytes);
    manifests.put(digest.toString(), bytes);
    return new RemoteManifest.Image(digest, MediaTypes.IMAGE_MANIFEST, configBlob, List.of(layerBlob));
  }

  /** Adds an OCI index under {@code tag} (and its digest) listing {@code images} for their architectures. */
  RemoteManifest.Index index(String tag, List<RemoteManifest.Entry> entries) {
    ObjectNode index = MAPPER.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.IMAGE_INDEX);
    ArrayNode list = index.putArray("manifests");
    for (RemoteManifest.Entry e : entries) {
      ObjectNode m = list.addObject().put("mediaType", MediaTypes.IMAGE_MANIFEST)
          .put("digest", e.digest().toString()).put("size", manifests.get(e.digest().toString()).length);
      m.putObject("platform").put("os", e.os()).put("architecture", e.architecture());
    }
    byte[] bytes = Json.bytes(index);
    RemoteManifest.Index parsed = new RemoteManifest.Index(Digest.of(bytes), entries);
    manifests.put(tag, bytes);
    manifests.put(parsed.digest().toString(), bytes);
    return parsed;
  }

  /** Points {@code reference} (a tag, or any digest) at {@code m}'s bytes. */
  void tag(String reference, RemoteManifest m) {
    manifests.put(reference, manifests.get(m.digest().toString()));
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

  /** Blob transfers from now on wait for {@link #releaseBlobs} (or their thread's interruption). */
  void holdBlobs() {
    release = new CountDownLatch(1);
    blobStarted = new CountDownLatch(1);
  }

  void releaseBlobs() {
    release.countDown();
  }

  @Override
  public byte[] manifest(ImageRef image, String reference, RegistryCredentials credentials)
      throws RegistryException {
    manifestsServed.add(reference);
    byte[] m = manifests.get(reference);
    if (m == null) {
      throw new RegistryException(image + ": manifest unknown: " + reference);
    }
    return m;
  }

  @Override
  public void blob(ImageRef image, Digest digest, OutputStream out, RegistryCredentials credentials)
      throws RegistryException, InterruptedException {
    byte[] bytes = blobs.get(digest);
    if (bytes == null) {
      throw new RegistryException(image + ": blob unknown: " + digest);
    }
    blobsServed.add(digest);
    blobStarted.countDown();
    release.await(); // a transfer in progress; interrupting the caller stops it, as JibTransport's does
    if (refuseAnonymousBlobs && credentials == RegistryCredentials.ANONYMOUS) {
      throw new RegistryRefusedException(RegistryRefusedException.Reason.ACCESS, image + ": 401", null);
    }
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new RegistryException(e.getMessage(), e);
    }
  }
}

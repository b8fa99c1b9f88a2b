package dev.jbuild.diff;

import dev.jbuild.content.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal OCI image layout around one uncompressed layer, tagged "t", for outside unpackers (umoci). */
final class OciLayoutForTest {
  private OciLayoutForTest() {}

  static Path write(Path dir, Path layerTar, String layerHex) throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.copy(layerTar, blobs.resolve(layerHex));
    long layerSize = Files.size(layerTar);
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":"
        + "[\"sha256:" + layerHex + "\"]},\"config\":{}}";
    Digest configDigest = put(blobs, config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + config.length() + "},\"layers\":[{\"mediaType\":\""
        + MediaTypes.LAYER_TAR + "\",\"digest\":\"sha256:" + layerHex + "\",\"size\":" + layerSize + "}]}";
    Digest manifestDigest = put(blobs, manifest);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
        + manifest.length() + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"t\"}}]}");
    return dir;
  }

  private static Digest put(Path blobs, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.of(bytes);
    Files.write(blobs.resolve(d.hex()), bytes);
    return d;
  }
}

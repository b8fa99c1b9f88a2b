package dev.jbuild.daemon.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import dev.jbuild.diff.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a manifest's bytes as a registry sent them (or as the content store kept them): a Docker manifest
 * list or OCI index, or a Docker v2 schema 2 or OCI image manifest. Schema 1 and unknown documents are
 * refused with a message naming the image.
 */
final class ManifestJson {
  static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ManifestJson() {}

  static RemoteManifest parse(ImageRef image, Digest digest, byte[] bytes) throws RegistryException {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new RegistryException(image + ": manifest " + digest + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new RegistryException(image + ": manifest " + digest + " is not a JSON object");
    }
    String mediaType = root.path("mediaType").asText("");
    if (root.path("schemaVersion").asInt(-1) != 2) {
      throw new RegistryException(image + ": the registry sent a schema " + root.path("schemaVersion").asText("?")
          + " manifest; only Docker v2 schema 2 and OCI images can be pulled");
    }
    try {
      if (mediaType.equals(DOCKER_MANIFEST_LIST) || mediaType.equals(MediaTypes.IMAGE_INDEX)
          || (mediaType.isEmpty() && root.has("manifests"))) {
        return index(digest, root);
      }
      if (mediaType.equals(MediaTypes.DOCKER_MANIFEST) || mediaType.equals(MediaTypes.IMAGE_MANIFEST)
          || (mediaType.isEmpty() && root.has("config"))) {
        return image(digest, mediaType.isEmpty() ? MediaTypes.IMAGE_MANIFEST : mediaType, root);
      }
    } catch (IllegalArgumentException e) {
      throw new RegistryException(image + ": manifest " + digest + " is malformed: " + e.getMessage(), e);
    }
    throw new RegistryException(image + ": the registry sent a manifest of type \"" + mediaType
        + "\"; only Docker v2 schema 2 and OCI images can be pulled");
  }

  private static RemoteManifest.Index index(Digest digest, JsonNode root) {
    List<RemoteManifest.Entry> entries = new ArrayList<>();
    for (JsonNode m : root.path("manifests")) {
      JsonNode p = m.path("platform");
      entries.add(new RemoteManifest.Entry(Digest.parse(m.path("digest").asText()), p.path("os").asText(""),
          p.path("architecture").asText("")));
    }
    return new RemoteManifest.Index(digest, entries);
  }

  private static RemoteManifest.Image image(Digest digest, String mediaType, JsonNode root) {
    Descriptor config = descriptor(root.path("config"), "config");
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode l : root.path("layers")) {
      layers.add(descriptor(l, "layer"));
    }
    return new RemoteManifest.Image(digest, mediaType, config, layers);
  }

  private static Descriptor descriptor(JsonNode d, String what) {
    if (!d.isObject() || !d.path("size").canConvertToLong()) {
      throw new IllegalArgumentException("a " + what + " descriptor without a digest and size");
    }
    return new Descriptor(d.path("mediaType").asText(""), Digest.parse(d.path("digest").asText()),
        d.path("size").asLong());
  }
}

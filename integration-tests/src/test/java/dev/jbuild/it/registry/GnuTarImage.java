package dev.jbuild.it.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A one-layer OCI image tarball whose layer GNU tar wrote (names "./"-prefixed, the root entry first, readdir
 * order) and java.util.zip compressed, as {@code docker import} images are: a base no jbuild wrote, so a
 * layer jbuild would make of the same files is another tar with another diff id.
 */
final class GnuTarImage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GnuTarImage() {}

  /** The image tarball of {@code rootfs}, written under {@code dir}. */
  static Path of(Path rootfs, Path dir) throws IOException, InterruptedException {
    Path layout = Files.createDirectories(dir.resolve("gnu-tar-layout"));
    Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
    Path tar = dir.resolve("layer.tar");
    run("tar", "--format=gnu", "--numeric-owner", "-C", rootfs.toString(), "-cf", tar.toString(), ".");
    String diffId = sha256(Files.readAllBytes(tar));
    Path gz = dir.resolve("layer.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(tar, out);
    }
    Map<String, Object> layer = blob(blobs, Files.readAllBytes(gz), "application/vnd.oci.image.layer.v1.tar+gzip");
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "amd64").put("os", "linux");
    config.putObject("config").putArray("Cmd").add("sh");
    config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(diffId);
    config.putArray("history").addObject().put("created", "2020-01-01T00:00:00Z").put("comment", "GNU tar");
    Map<String, Object> configBlob = blob(blobs, JSON.writeValueAsBytes(config),
        "application/vnd.oci.image.config.v1+json");
    Map<String, Object> manifest = blob(blobs, JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
        "mediaType", "application/vnd.oci.image.manifest.v1+json", "config", configBlob, "layers", List.of(layer))),
        "application/vnd.oci.image.manifest.v1+json");
    Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
        "manifests", List.of(manifest))));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Path archive = dir.resolve("gnu-tar-image.tar");
    run("tar", "-C", layout.toString(), "-cf", archive.toString(), ".");
    return archive;
  }

  private static Map<String, Object> blob(Path blobs, byte[] data, String mediaType) throws IOException {
    String digest = sha256(data);
    Files.write(blobs.resolve(digest.substring("sha256:".length())), data);
    return Map.of("mediaType", mediaType, "digest", digest, "size", data.length);
  }

  private static String sha256(byte[] data) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}

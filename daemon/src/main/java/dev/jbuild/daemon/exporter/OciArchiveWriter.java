package dev.jbuild.daemon.exporter;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.daemon.image.Json;
import dev.jbuild.daemon.image.OciDescriptor;
import dev.jbuild.daemon.image.OciIndex;
import dev.jbuild.diff.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an OCI image layout as a tar stream (what {@code --output type=oci} produces): oci-layout,
 * index.json naming the manifest (with the image name annotations BuildKit writes), and every blob under
 * blobs/sha256/. Blobs are streamed from the content store; entries carry a fixed time, so the same
 * image gives the same tar.
 */
final class OciArchiveWriter {
  private static final long EPOCH = 0;

  private OciArchiveWriter() {}

  /**
   * Writes the layout tar; with {@code dockerLoad} it also carries docker's manifest.json (what `docker
   * load` reads, as `docker save` writes it since Docker 25: an OCI layout plus manifest.json).
   */
  static void write(ContentStore store, Descriptor manifest, List<Descriptor> blobs, String imageName,
      DockerLoadManifest dockerLoad, OutputStream sink) throws IOException {
    // not closed: the sink belongs to the caller, who commits it once the tar is complete
    TarArchiveOutputStream tar = new TarArchiveOutputStream(sink, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    dir(tar, "blobs/");
    dir(tar, "blobs/sha256/");
    Set<Descriptor> unique = new LinkedHashSet<>(blobs);
    unique.add(manifest);
    for (Descriptor d : unique) {
      TarArchiveEntry e = entry("blobs/sha256/" + d.digest().hex(), d.size());
      tar.putArchiveEntry(e);
      try (InputStream in = store.open(d.digest())) {
        in.transferTo(tar);
      }
      tar.closeArchiveEntry();
    }
    file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    OciDescriptor m = OciDescriptor.of(manifest);
    if (imageName != null) {
      String tag = imageName.substring(imageName.lastIndexOf(':') + 1);
      m = m.withAnnotations(Map.of("io.containerd.image.name", imageName,
          "org.opencontainers.image.ref.name", tag));
    }
    file(tar, "index.json", Json.bytes(new OciIndex(2, MediaTypes.IMAGE_INDEX, List.of(m))));
    if (dockerLoad != null) {
      file(tar, "manifest.json", Json.bytes(List.of(dockerLoad)));
    }
    tar.finish();
    tar.flush();
  }

  private static TarArchiveEntry entry(String name, long size) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(size);
    e.setMode(0100644);
    e.setModTime(EPOCH);
    return e;
  }

  private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(040755);
    e.setModTime(EPOCH);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    tar.putArchiveEntry(entry(name, data.length));
    tar.write(data);
    tar.closeArchiveEntry();
  }
}

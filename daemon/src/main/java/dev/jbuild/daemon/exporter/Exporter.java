package dev.jbuild.daemon.exporter;

import dev.jbuild.content.Descriptor;
import java.io.IOException;

/**
 * Writes a built image somewhere: the daemon's image store, an OCI tarball on the client's disk, later a
 * registry. One exporter per output of a build; each returns the manifest it wrote.
 */
public interface Exporter {
  Descriptor export(BuiltImage image) throws IOException, InterruptedException;
}

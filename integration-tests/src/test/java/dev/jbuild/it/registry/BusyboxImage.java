package dev.jbuild.it.registry;

import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The busybox test image in a test registry, for tests that build {@code FROM busybox}: built by jbuild from
 * scratch out of {@link BusyboxRootfs} (one layer, {@code CMD ["sh"]}), exported as an OCI tarball and pushed
 * with skopeo as {@code library/busybox:latest} (the name a docker.io mirror serves) and {@code busybox:latest}.
 *
 * @param reference {@code HOST:PORT/busybox:latest}
 * @param libraryReference {@code HOST:PORT/library/busybox:latest}
 * @param ociArchive the OCI tarball jbuild wrote
 */
public record BusyboxImage(String reference, String libraryReference, Path ociArchive) {
  private static final String DOCKERFILE = String.join("\n",
      "FROM scratch",
      "COPY rootfs/ /",
      "CMD [\"sh\"]",
      "");

  /** Builds the image with {@code daemon} in {@code workDir} (created if missing) and pushes it to {@code registry}. */
  public static BusyboxImage publish(JbuildDaemon daemon, TestRegistry registry, Path workDir)
      throws IOException, InterruptedException {
    Path context = Files.createDirectories(workDir.resolve("busybox-context"));
    Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
    BusyboxRootfs.write(context.resolve("rootfs"));
    Path oci = workDir.resolve("busybox.oci.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), context, "build", "--output", "type=oci,dest=" + oci, ".");
    if (r.exitCode() != 0) {
      throw new IOException("jbuild could not build the busybox test image:\n" + r.describe()
          + "\n--- daemon log\n" + daemon.logTail());
    }
    registry.push(oci, "library/busybox:latest");
    registry.push(oci, "busybox:latest");
    return new BusyboxImage(registry.host() + "/busybox:latest", registry.host() + "/library/busybox:latest", oci);
  }
}

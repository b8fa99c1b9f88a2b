package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import dev.jbuild.it.ImgDump;
import java.nio.file.Files;
import java.nio.file.Path;

/** Base images for the registry tests, built by jbuild from scratch, and builds on top of them, read back. */
final class RegistryImages {
  private RegistryImages() {}

  /** An OCI tarball of a small base: /etc/os-release and /bin/base.txt. */
  static Path base(JbuildDaemon daemon, Path dir) throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("base"));
    Files.createDirectories(ctx.resolve("rootfs/etc"));
    Files.createDirectories(ctx.resolve("rootfs/bin"));
    Files.writeString(ctx.resolve("rootfs/etc/os-release"), "NAME=test base\n");
    Files.writeString(ctx.resolve("rootfs/bin/base.txt"), "from the base\n");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\n");
    Path oci = dir.resolve("base.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--output", "type=oci,dest=" + oci, ".");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return oci;
  }

  /** Runs {@code FROM from} + a COPY of app.txt into /srv; the build's result as CLI result and context dir. */
  static Build buildOn(JbuildDaemon daemon, Path dir, String from) throws Exception {
    Path ctx = Files.createTempDirectory(dir, "app");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + from + "\nCOPY app.txt /srv/\n");
    Files.writeString(ctx.resolve("app.txt"), "app\n");
    Path out = ctx.resolve("out.tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--output", "type=oci,dest=" + out, ".");
    return new Build(r, out);
  }

  record Build(JbuildCli.Result result, Path oci) {
    /** The image's files and config as imgdump.py reads them; fails the test when the build failed. */
    JsonNode image(JbuildDaemon daemon) throws Exception {
      assertThat(result.exitCode()).as(result.describe() + "\n" + daemon.logTail()).isZero();
      return new ObjectMapper().readTree(ImgDump.locate().summarizeOci(oci));
    }
  }
}

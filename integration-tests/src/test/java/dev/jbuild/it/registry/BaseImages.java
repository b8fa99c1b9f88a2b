package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Base images for pull tests, made the way a user would: built by jbuild into an OCI tarball, then pushed to
 * the real registry with skopeo. They are built by a daemon of their own, so that the daemon under test
 * has none of their blobs and really pulls them. Lifecycle: {@link #start}, any number of pushes,
 * {@link #close}.
 */
final class BaseImages implements AutoCloseable {
  private final TestRegistry registry;
  private final JbuildDaemon builder;
  private final Path dir;

  private BaseImages(TestRegistry registry, JbuildDaemon builder, Path dir) {
    this.registry = registry;
    this.builder = builder;
    this.dir = dir;
  }

  static BaseImages start(TestRegistry registry, Path dir) throws IOException, InterruptedException {
    return new BaseImages(registry, JbuildDaemon.start(dir.resolve("builder")), dir);
  }

  /** Builds the context's Dockerfile and pushes the image as {@code repoAndTag}. */
  void push(Path context, String repoAndTag) throws IOException, InterruptedException {
    Path oci = Files.createTempFile(dir, "base", ".tar");
    JbuildCli.Result r = JbuildCli.run(builder.address(), context, "build", "--output", "type=oci,dest=" + oci, ".");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    registry.push(oci, repoAndTag);
  }

  /**
   * Pushes {@code repoAndTag}: /data.bin of {@code randomBytes} random bytes (a layer no other image shares)
   * and /marker.txt holding {@code marker}, which tells where an image came from.
   */
  void push(String repoAndTag, int randomBytes, String marker) throws IOException, InterruptedException {
    Path ctx = Files.createTempDirectory(dir, "base");
    byte[] data = new byte[randomBytes];
    new Random().nextBytes(data);
    Files.write(ctx.resolve("data.bin"), data);
    Files.writeString(ctx.resolve("marker.txt"), marker);
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY data.bin marker.txt /\n");
    push(ctx, repoAndTag);
  }

  /** A context holding /app.txt and the given Dockerfile. */
  static Path context(Path dir, String dockerfile) throws IOException {
    Path ctx = Files.createTempDirectory(dir, "app");
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    Files.writeString(ctx.resolve("app.txt"), "app\n");
    return ctx;
  }

  @Override
  public void close() throws InterruptedException {
    builder.close();
  }
}

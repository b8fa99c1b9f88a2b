package dev.jbuild.client.cli;

import dev.jbuild.client.daemon.DaemonConnection;
import dev.jbuild.client.daemon.DaemonLocator;
import dev.jbuild.proto.control.ListImagesRequest;
import dev.jbuild.proto.control.ListImagesResponse;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jbuild images}: the images in the daemon's local store. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "List the images the daemon stores.")
public final class ImagesCommand implements Callable<Integer> {

  @Mixin
  HostOption host;

  @Override
  public Integer call() throws Exception {
    try (DaemonConnection daemon = DaemonLocator.forThisProcess().connect(host.host())) {
      ListImagesResponse images;
      try {
        images = daemon.blocking(Duration.ofSeconds(30)).listImages(ListImagesRequest.getDefaultInstance());
      } catch (StatusRuntimeException e) {
        throw new UserException(CallErrors.describe(daemon, e));
      }
      System.out.print(ImageTable.render(images.getImagesList(), Instant.now()));
      return 0;
    }
  }
}

package dev.jbuild.client.testing;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * A jbuildd stand-in process for the auto-start tests: {@code --auto-started --addr unix:///path}, answers Info
 * with the build id from {@code -Dfake.build.id}, removes its socket on SIGTERM.
 */
public final class FakeDaemonMainForTest {

  private FakeDaemonMainForTest() {}

  public static void main(String[] args) throws Exception {
    List<String> argv = List.of(args);
    String addr = argv.get(argv.indexOf("--addr") + 1);
    Path socket = Paths.get(addr.substring("unix://".length()));
    FakeDaemonForTest daemon = new FakeDaemonForTest(socket, argv.contains("--auto-started"));
    daemon.info = daemon.info.toBuilder().setBuildId(System.getProperty("fake.build.id", "fake-build")).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        daemon.close();
        java.nio.file.Files.deleteIfExists(socket);
      } catch (Exception e) {
        // exiting anyway
      }
    }));
    Thread.sleep(Long.MAX_VALUE);
  }
}

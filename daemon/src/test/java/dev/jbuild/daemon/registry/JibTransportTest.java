package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.session.RegistryCredentials;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** jib's client bounded in time, against real sockets that never answer or refuse. */
class JibTransportTest {
  private final JibTransport transport = new JibTransport(new RegistryOptions(Duration.ofSeconds(2)));

  @Test
  void aRegistryThatNeverAnswersFailsWithinTheStallTimeout() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // holds connections open and says nothing
          }
        } catch (Exception done) {
          // closed
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      ImageRef ref = ImageRef.parse("127.0.0.1:" + silent.getLocalPort() + "/app:1");
      long start = System.nanoTime();
      assertThatThrownBy(() -> transport.manifest(ref, "1", RegistryCredentials.ANONYMOUS))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("127.0.0.1:" + silent.getLocalPort()).hasMessageContaining("sent nothing for 2 s");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void aRegistryThatIsDownFailsWithinTheStallTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    ImageRef ref = ImageRef.parse("127.0.0.1:" + port + "/app:1");
    long start = System.nanoTime();
    assertThatThrownBy(() -> transport.manifest(ref, "1", RegistryCredentials.ANONYMOUS))
        .isInstanceOf(RegistryException.class).hasMessageContaining("127.0.0.1:" + port);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }
}

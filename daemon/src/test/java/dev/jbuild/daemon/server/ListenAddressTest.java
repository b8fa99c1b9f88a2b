package dev.jbuild.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void parsesUnixAndLoopbackTcp() {
    assertThat(ListenAddress.parse("unix:///run/jbuild/jbuildd.sock"))
        .isEqualTo(new ListenAddress.Unix(Path.of("/run/jbuild/jbuildd.sock")));
    assertThat(ListenAddress.parse("tcp://127.0.0.1:1234")).isEqualTo(new ListenAddress.Tcp("127.0.0.1", 1234));
  }

  @Test
  void refusesWhatItCannotServeSafely() {
    assertThatThrownBy(() -> ListenAddress.parse("tcp://0.0.0.0:1234")).hasMessageContaining("loopback");
    assertThatThrownBy(() -> ListenAddress.parse("unix://relative.sock")).hasMessageContaining("absolute");
    assertThatThrownBy(() -> ListenAddress.parse("http://x")).hasMessageContaining("--addr");
  }
}

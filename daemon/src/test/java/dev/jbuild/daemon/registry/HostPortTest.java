package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Registry addresses as image names and the daemon config write them. */
class HostPortTest {
  @Test
  void hostsPortsAndIpv6ReadAndPrintBack() {
    assertThat(HostPort.parse("docker.io")).isEqualTo(new HostPort("docker.io", -1));
    assertThat(HostPort.parse("MyReg.Example:5000")).isEqualTo(new HostPort("myreg.example", 5000));
    assertThat(HostPort.parse("[::1]:5000")).isEqualTo(new HostPort("::1", 5000));
    assertThat(HostPort.parse("[::1]:5000").toString()).isEqualTo("[::1]:5000");
    assertThat(HostPort.parse("localhost").httpsPort()).isEqualTo(443);
    assertThat(HostPort.parse("127.0.0.1:5000").toString()).isEqualTo("127.0.0.1:5000");
  }

  @Test
  void schemesPathsBadNamesAndPortsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> HostPort.parse("https://r.example")).hasMessageContaining("has a scheme");
    assertThatThrownBy(() -> HostPort.parse("r.example/v2")).hasMessageContaining("has a path");
    assertThatThrownBy(() -> HostPort.parse("r_x.example")).hasMessageContaining("not a valid host name");
    assertThatThrownBy(() -> HostPort.parse("-r.example")).hasMessageContaining("not a valid host name");
    assertThatThrownBy(() -> HostPort.parse("r.example:0")).hasMessageContaining("from 1 to 65535");
    assertThatThrownBy(() -> HostPort.parse("r.example:")).hasMessageContaining("from 1 to 65535");
    assertThatThrownBy(() -> HostPort.parse("[zz]:1")).hasMessageContaining("IPv6");
    assertThatThrownBy(() -> HostPort.parse("")).hasMessageContaining("empty");
  }
}

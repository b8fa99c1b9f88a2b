package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.content.Digest;
import org.junit.jupiter.api.Test;

class ImageRefTest {
  private static final Digest D = Digest.of("x");

  @Test
  void dockerHubNamesAreNormalised() {
    ImageRef r = ImageRef.parse("busybox");
    assertThat(r.toString()).isEqualTo("docker.io/library/busybox:latest");
    assertThat(r.reference()).isEqualTo("latest");
  }

  @Test
  void aDigestPinsTheReference() {
    ImageRef r = ImageRef.parse("127.0.0.1:5000/test:1@" + D);
    assertThat(r.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(r.repository()).isEqualTo("test");
    assertThat(r.reference()).isEqualTo(D.toString());
    assertThat(ImageRef.parse(r.toString())).isEqualTo(r);
  }

  @Test
  void aBadDigestIsNamed() {
    assertThatThrownBy(() -> ImageRef.parse("alpine@md5:abc")).hasMessageContaining("alpine@md5:abc");
  }

  @Test
  void onlyLoopbackRegistriesAreReachedOverPlainHttp() {
    assertThat(Loopback.is(HostPort.parse("localhost:5000"))).isTrue();
    assertThat(Loopback.is(HostPort.parse("127.0.0.1:41234"))).isTrue();
    assertThat(Loopback.is(HostPort.parse("127.1.2.3"))).isTrue();
    assertThat(Loopback.is(HostPort.parse("[::1]:5000"))).isTrue();
    assertThat(Loopback.is(HostPort.parse("docker.io"))).isFalse();
    assertThat(Loopback.is(HostPort.parse("127.0.0.1.example.com:5000"))).isFalse();
    assertThat(Loopback.is(HostPort.parse("registry.local:5000"))).isFalse();
  }
}

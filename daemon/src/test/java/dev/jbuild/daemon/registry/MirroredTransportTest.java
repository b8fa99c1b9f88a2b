package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.content.Digest;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order mirrors are asked in and when a failure passes on, against a transport double that records calls. */
class MirroredTransportTest {
  private static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);

  /** Answers only for the registries in {@code having}; a "half" registry sends some bytes of a blob and fails. */
  private static final class RecordingTransportForTest implements RegistryTransport {
    final List<String> asked = new ArrayList<>();
    final Set<String> having;
    final Set<String> half;

    RecordingTransportForTest(Set<String> having, Set<String> half) {
      this.having = having;
      this.half = half;
    }

    @Override
    public byte[] manifest(ImageRef image, String reference, RegistryCredentials credentials) throws RegistryException {
      asked.add(image.toString());
      if (!having.contains(image.registry())) {
        throw new RegistryException(image + ": manifest unknown");
      }
      return MANIFEST;
    }

    @Override
    public void blob(ImageRef image, Digest digest, OutputStream out, RegistryCredentials credentials) throws RegistryException {
      asked.add(image.toString());
      try {
        if (half.contains(image.registry())) {
          out.write(1);
          throw new RegistryException(image + ": connection reset");
        }
        if (!having.contains(image.registry())) {
          throw new RegistryException(image + ": blob unknown");
        }
        out.write("blob".getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new RegistryException(e.getMessage(), e);
      }
    }
  }

  private static MirroredTransport mirrored(RegistryTransport inner, String... mirrors) {
    List<HostPort> list = new ArrayList<>();
    for (String m : mirrors) {
      list.add(HostPort.parse(m));
    }
    return new MirroredTransport(inner, new RegistryOptions(Duration.ofSeconds(5),
        Map.of(HostPort.parse("docker.io"), new HostSettings(list, false, false, List.of()))));
  }

  @Test
  void eachMirrorIsAskedInOrderWithTheSameRepositoryPathThenTheOrigin() throws Exception {
    var inner = new RecordingTransportForTest(Set.of("docker.io"), Set.of());
    var t = mirrored(inner, "127.0.0.1:5001", "mirror.example");

    assertThat(t.manifest(ImageRef.parse("busybox"), "latest", RegistryCredentials.ANONYMOUS)).isEqualTo(MANIFEST);
    assertThat(inner.asked).containsExactly("127.0.0.1:5001/library/busybox:latest",
        "mirror.example/library/busybox:latest", "docker.io/library/busybox:latest");
  }

  @Test
  void theFirstMirrorThatHasTheImageAnswersAndTheOriginIsNotAsked() throws Exception {
    var inner = new RecordingTransportForTest(Set.of("mirror.example"), Set.of());
    var t = mirrored(inner, "127.0.0.1:5001", "mirror.example");

    Digest pinned = Digest.of("list");
    t.manifest(ImageRef.parse("busybox@" + pinned), pinned.toString(), RegistryCredentials.ANONYMOUS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    t.blob(ImageRef.parse("busybox"), Digest.of("blob"), out, RegistryCredentials.ANONYMOUS);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("blob");
    assertThat(inner.asked).containsExactly("127.0.0.1:5001/library/busybox:latest@" + pinned,
        "mirror.example/library/busybox:latest@" + pinned, "127.0.0.1:5001/library/busybox:latest",
        "mirror.example/library/busybox:latest");
  }

  @Test
  void otherRegistriesAreNotMirrored() throws Exception {
    var inner = new RecordingTransportForTest(Set.of("quay.io"), Set.of());
    mirrored(inner, "127.0.0.1:5001").manifest(ImageRef.parse("quay.io/app/x:1"), "1", RegistryCredentials.ANONYMOUS);
    assertThat(inner.asked).containsExactly("quay.io/app/x:1");
  }

  @Test
  void whenAllFailTheOriginsErrorNamesTheMirrorsToo() {
    var inner = new RecordingTransportForTest(Set.of(), Set.of());
    var t = mirrored(inner, "127.0.0.1:5001");
    assertThatThrownBy(() -> t.manifest(ImageRef.parse("busybox"), "latest", RegistryCredentials.ANONYMOUS))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("docker.io/library/busybox:latest: manifest unknown")
        .hasMessageContaining("after its mirrors: 127.0.0.1:5001: 127.0.0.1:5001/library/busybox:latest: "
            + "manifest unknown");
  }

  @Test
  void aBlobThatFailedHalfWayDoesNotStartOverElsewhere() {
    var inner = new RecordingTransportForTest(Set.of("docker.io"), Set.of("127.0.0.1:5001"));
    var t = mirrored(inner, "127.0.0.1:5001");
    assertThatThrownBy(() -> t.blob(ImageRef.parse("busybox"), Digest.of("blob"), new ByteArrayOutputStream(), RegistryCredentials.ANONYMOUS))
        .hasMessageContaining("connection reset");
    assertThat(inner.asked).containsExactly("127.0.0.1:5001/library/busybox:latest");
  }
}

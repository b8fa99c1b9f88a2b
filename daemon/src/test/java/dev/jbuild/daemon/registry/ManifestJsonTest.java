package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.content.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Manifests as registries send them: Docker's indented JSON, OCI without a mediaType, schema 1. */
class ManifestJsonTest {
  private static final ImageRef REF = ImageRef.parse("localhost/app:1");
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);

  private static RemoteManifest parse(String json) throws RegistryException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return ManifestJson.parse(REF, Digest.of(bytes), bytes);
  }

  @Test
  void aDockerManifestListGivesItsPlatforms() throws Exception {
    var index = (RemoteManifest.Index) parse("{\n   \"schemaVersion\": 2,\n   \"mediaType\": "
        + "\"application/vnd.docker.distribution.manifest.list.v2+json\",\n   \"manifests\": [\n      {\n"
        + "         \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",\n"
        + "         \"size\": 528,\n         \"digest\": \"" + D1 + "\",\n"
        + "         \"platform\": {\"architecture\": \"arm\", \"os\": \"linux\", \"variant\": \"v6\"}\n"
        + "      }\n   ]\n}");
    assertThat(index.entries()).containsExactly(new RemoteManifest.Entry(Digest.parse(D1), "linux", "arm"));
  }

  @Test
  void anImageManifestKeepsItsLayersMediaTypes() throws Exception {
    var image = (RemoteManifest.Image) parse("{\"schemaVersion\":2,\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + D1 + "\",\"size\":7},\"layers\":["
        + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\"" + D2 + "\",\"size\":9}]}");
    assertThat(image.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(image.config().size()).isEqualTo(7);
    assertThat(image.layers().get(0).mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd");
    assertThat(image.layers().get(0).digest()).isEqualTo(Digest.parse(D2));
  }

  @Test
  void schemaOneIsRefusedNamingTheImage() {
    assertThatThrownBy(() -> parse("{\"schemaVersion\":1,\"name\":\"app\",\"fsLayers\":[]}"))
        .isInstanceOf(RegistryException.class).hasMessageContaining("localhost/app:1")
        .hasMessageContaining("schema 1");
  }

  @Test
  void aLayerWithoutADigestIsMalformed() {
    assertThatThrownBy(() -> parse("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + D1 + "\",\"size\":1},"
        + "\"layers\":[{\"size\":3}]}"))
        .isInstanceOf(RegistryException.class).hasMessageContaining("malformed");
  }
}

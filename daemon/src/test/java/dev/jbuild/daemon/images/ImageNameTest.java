package dev.jbuild.daemon.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageNameTest {
  @Test
  void normalisesAsDockerDoes() {
    assertThat(ImageName.parse("app").toString()).isEqualTo("docker.io/library/app:latest");
    assertThat(ImageName.parse("me/app:1.0").toString()).isEqualTo("docker.io/me/app:1.0");
    assertThat(ImageName.parse("localhost:5000/app").toString()).isEqualTo("localhost:5000/app:latest");
    assertThat(ImageName.parse("registry.example/a/b:v2").toString()).isEqualTo("registry.example/a/b:v2");
  }

  @Test
  void showsTheFamiliarForm() {
    assertThat(ImageName.parse("app").familiar()).isEqualTo("app:latest");
    assertThat(ImageName.parse("localhost:5000/app:x").familiar()).isEqualTo("localhost:5000/app:x");
  }

  @Test
  void refusesBadNames() {
    assertThatThrownBy(() -> ImageName.parse("App")).hasMessageContaining("lowercase");
    assertThatThrownBy(() -> ImageName.parse("app:bad tag")).hasMessageContaining("bad tag");
    assertThatThrownBy(() -> ImageName.parse("")).hasMessageContaining("empty");
  }
}

package dev.jbuild.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.proto.control.KeyValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildArgsTest {

  @Test
  void valuesFromTheFlagOrTheEnvironmentInOrder() throws Exception {
    List<KeyValue> args = BuildArgs.parse(List.of("A=1", "HOME_DIR", "B=x=y", "UNSET", "A=2", "EMPTY="),
        Map.of("HOME_DIR", "/home/me"));
    assertThat(args).extracting(kv -> kv.getKey() + "=" + kv.getValue())
        .containsExactly("A=1", "HOME_DIR=/home/me", "B=x=y", "A=2", "EMPTY=");
  }

  @Test
  void keyIsRequired() {
    assertThatThrownBy(() -> BuildArgs.parse(List.of("=v"), Map.of())).hasMessageContaining("--build-arg \"=v\"");
  }
}

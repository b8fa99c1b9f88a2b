package dev.jbuild.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.proto.control.KeyValue;
import dev.jbuild.proto.control.Output;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OutputSpecsTest {

  private static String show(Output o) {
    return o.getType() + " " + o.getAttrsList().stream().map(kv -> kv.getKey() + "=" + kv.getValue())
        .collect(Collectors.joining(","));
  }

  @Test
  void dockerBuildForms() throws Exception {
    assertThat(OutputSpecs.parse(List.of("type=oci,dest=/tmp/app.tar", "type=docker,dest=-", "type=image",
        "out/dir", "-", "type=oci,\"dest=a,b.tar\",name=app")).stream().map(OutputSpecsTest::show))
        .containsExactly("oci dest=/tmp/app.tar", "docker dest=-", "image ", "local dest=out/dir", "tar dest=-",
            "oci dest=a,b.tar,name=app");
  }

  @Test
  void errorsNameTheProblem() {
    assertThatThrownBy(() -> OutputSpecs.parse(List.of("dest=x"))).hasMessageContaining("type is required");
    assertThatThrownBy(() -> OutputSpecs.parse(List.of("type=zip,dest=x"))).hasMessageContaining("unknown type \"zip\"");
    assertThatThrownBy(() -> OutputSpecs.parse(List.of("type=oci"))).hasMessageContaining("needs dest=PATH");
    assertThatThrownBy(() -> OutputSpecs.parse(List.of("type=oci,junk"))).hasMessageContaining("\"junk\" is not KEY=VALUE");
  }

  @Test
  void attributesKeepTheirOrder() throws Exception {
    Output o = OutputSpecs.parseOne("type=oci,name=b,dest=x,name=a");
    assertThat(o.getAttrsList()).extracting(KeyValue::getValue).containsExactly("b", "x", "a");
  }
}

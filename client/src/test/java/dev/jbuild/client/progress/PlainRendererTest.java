package dev.jbuild.client.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.jbuild.proto.control.Event;
import dev.jbuild.proto.control.VertexCached;
import dev.jbuild.proto.control.VertexCompleted;
import dev.jbuild.proto.control.VertexFailed;
import dev.jbuild.proto.control.VertexLog;
import dev.jbuild.proto.control.VertexStarted;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainRendererTest {

  private static Timestamp at(long millis) {
    return Timestamp.newBuilder().setSeconds(1000 + millis / 1000).setNanos((int) (millis % 1000) * 1_000_000).build();
  }

  private static Event.Builder ev(String vertex, String name, long millis) {
    return Event.newBuilder().setVertex(vertex).setName(name).setTime(at(millis));
  }

  @Test
  void buildKitsPlainFormatWithInterleavedSteps() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    long[] now = {0};
    ProgressRenderer r = ProgressMode.PLAIN.newRenderer(new PrintStream(buf, true), () -> now[0]);
    r.onEvent(ev("d1", "[base 1/1] FROM scratch", 0).setCached(VertexCached.getDefaultInstance()).build());
    r.onEvent(ev("d2", "[a 1/1] COPY a /a", 0).setStarted(VertexStarted.getDefaultInstance()).build());
    r.onEvent(ev("d3", "[b 1/1] COPY b /b", 10).setStarted(VertexStarted.getDefaultInstance()).build());
    r.onEvent(ev("d2", "", 123).setLog(VertexLog.newBuilder().setStream(1).setData(ByteString.copyFromUtf8("copying\npar"))).build());
    r.onEvent(ev("d3", "", 200).setCompleted(VertexCompleted.newBuilder().setStarted(at(10))).build());
    r.onEvent(ev("d2", "", 300).setLog(VertexLog.newBuilder().setData(ByteString.copyFromUtf8("tial\n"))).build());
    r.onEvent(ev("d4", "[c 1/1] COPY c /c", 300).setFailed(VertexFailed.newBuilder().setStarted(at(250)).setError("no such file: c")).build());
    r.onEvent(ev("d2", "", 1500).setCompleted(VertexCompleted.newBuilder().setStarted(at(0))).build());
    now[0] = 2_000_000_000L;
    r.finish(false);

    assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
        "#1 [base 1/1] FROM scratch",
        "#1 CACHED",
        "",
        "#2 [a 1/1] COPY a /a",
        "",
        "#3 [b 1/1] COPY b /b",
        "",
        "#2 [a 1/1] COPY a /a",
        "#2 0.123 copying",
        "",
        "#3 [b 1/1] COPY b /b",
        "#3 DONE 0.2s",
        "",
        "#2 [a 1/1] COPY a /a",
        "#2 0.300 partial",
        "",
        "#4 [c 1/1] COPY c /c",
        "#4 ERROR: no such file: c",
        "",
        "#2 [a 1/1] COPY a /a",
        "#2 DONE 1.5s",
        "",
        "Build failed after 2.0s (4/4 steps; at most 2 steps ran in parallel)",
        ""));
  }
}

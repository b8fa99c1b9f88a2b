package dev.jbuild.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void writeCreatesThenReplacesLeavingNoTempFiles() throws IOException {
    Path target = tmp.resolve("state.json");

    AtomicFiles.write(target, "one".getBytes());
    AtomicFiles.write(target, "two".getBytes());

    assertThat(target).hasContent("two");
    try (var s = Files.list(tmp)) {
      assertThat(s).containsExactly(target);
    }
  }
}

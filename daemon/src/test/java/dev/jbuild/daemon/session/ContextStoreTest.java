package dev.jbuild.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextStoreTest {
  @TempDir
  Path root;

  @Test
  void releasingOneBuildsContextKeepsAnotherBuildsTransferInProgress() throws Exception {
    ContextStore store = new ContextStore(root);
    Path a = store.incoming("c1", "/src/app");
    Path b = store.incoming("c1", "/src/app");
    store.release(store.publish(a));
    assertThat(b).exists();
  }

  @Test
  void theNewestGenerationStaysAndOlderOnesGoWhenReleased() throws Exception {
    ContextStore store = new ContextStore(root);
    Path first = store.publish(store.incoming("c1", "/src/app"));
    Path second = store.publish(store.incoming("c1", "/src/app"));
    store.release(first);
    store.release(second);
    assertThat(first).doesNotExist();
    assertThat(second).exists();
  }

  @Test
  void aCleanShutdownKeepsTheNewestGenerationsAndACrashDiscardsThem() throws Exception {
    ContextStore store = new ContextStore(root);
    Path kept = store.publish(store.incoming("c1", "/src/app"));
    Files.writeString(kept.resolve("f"), "x");
    store.release(kept);
    store.close();
    new ContextStore(root); // reopened after a clean shutdown
    assertThat(kept.resolve("f")).exists();
    new ContextStore(root); // reopened again without a clean shutdown in between: a crash
    assertThat(kept).doesNotExist();
  }
}

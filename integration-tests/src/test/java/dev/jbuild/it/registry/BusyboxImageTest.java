package dev.jbuild.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildDaemon;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The busybox test image, built by jbuild and read back from the registry with imgdump, against the
 * reference environment's busybox (its summary is the resource busybox/reference-env-busybox.json, see
 * busybox/README.md): the same tree, except the contents of our own adduser/addgroup.
 */
class BusyboxImageTest {
  /** Ours are written for jbuild (same behaviour, see BusyboxStandInsTest): only their contents differ. */
  private static final Set<String> STAND_INS = Set.of("/bin/adduser", "/bin/addgroup");

  @TempDir
  static Path tmp;
  static TestRegistry registry;
  static JbuildDaemon daemon;
  static BusyboxImage busybox;

  @BeforeAll
  static void publish() throws Exception {
    registry = TestRegistry.start(tmp.resolve("registry"));
    daemon = JbuildDaemon.start(tmp.resolve("root"));
    busybox = BusyboxImage.publish(daemon, registry, tmp.resolve("busybox"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void bothNamesServeTheSameImage() throws Exception {
    assertThat(busybox.libraryReference()).isEqualTo(registry.host() + "/library/busybox:latest");
    assertThat(busybox.reference()).isEqualTo(registry.host() + "/busybox:latest");
    assertThat(registry.digest("busybox:latest")).isEqualTo(registry.digest("library/busybox:latest"));
  }

  @Test
  void itsTreeIsTheReferenceEnvironmentsBusybox() throws Exception {
    JsonNode ours = summary(busybox.libraryReference()).get("files");
    JsonNode reference = referenceSummary().get("files");

    assertThat(ours.has("/bin/sh")).isTrue();
    assertThat(differences(reference, ours)).as("reference (busybox/reference-env-busybox.json) vs ours").isEmpty();
  }

  @Test
  void itRunsShLikeTheReferenceAndCarriesWhatFromScratchSets() throws Exception {
    JsonNode ours = summary(busybox.reference()).get("config");
    JsonNode reference = referenceSummary().get("config");

    assertThat(ours.get("Cmd")).isEqualTo(reference.get("Cmd"));
    // the reference was made by `docker import`, which sets no Env and no WorkingDir; a FROM scratch build
    // gets BuildKit's defaults (as docker.io's busybox has this PATH)
    assertThat(ours.get("Env").toString())
        .isEqualTo("[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]");
    assertThat(ours.get("WorkingDir").asText()).isEqualTo("/");
    assertThat(ours.size()).as("config fields: %s", ours).isEqualTo(3);
  }

  private static JsonNode summary(String reference) throws Exception {
    return new ObjectMapper().readTree(ImgDump.locate().summarizeRegistry(reference));
  }

  private static JsonNode referenceSummary() throws Exception {
    try (InputStream in = BusyboxImageTest.class.getClassLoader()
        .getResourceAsStream("busybox/reference-env-busybox.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** One line per path whose entry differs; the stand-ins' size and sha256 are left out. */
  private static List<String> differences(JsonNode reference, JsonNode ours) {
    Set<String> paths = new TreeSet<>();
    reference.fieldNames().forEachRemaining(paths::add);
    ours.fieldNames().forEachRemaining(paths::add);
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      JsonNode a = comparable(path, reference.get(path));
      JsonNode b = comparable(path, ours.get(path));
      if (a == null || !a.equals(b)) {
        out.add(path + ": " + a + " != " + b);
      }
    }
    return out;
  }

  private static JsonNode comparable(String path, JsonNode entry) {
    if (entry == null || !STAND_INS.contains(path)) {
      return entry;
    }
    ObjectNode copy = entry.deepCopy();
    copy.remove(List.of("size", "sha256"));
    return copy;
  }
}

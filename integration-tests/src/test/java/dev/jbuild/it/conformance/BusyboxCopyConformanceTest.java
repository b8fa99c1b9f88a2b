package dev.jbuild.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import dev.jbuild.it.registry.BusyboxImage;
import dev.jbuild.it.registry.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A COPY-only Dockerfile on busybox (files, a directory with symlinks, --chown by id and by the names of the
 * base image's /etc/passwd and /etc/group, --chmod, WORKDIR under USER, ENV, ...) built by jbuild on the
 * busybox test image must give the files and config BuildKit gave on the reference environment's busybox.
 * Both summaries leave out the base image's unchanged files (imgdump --base).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusyboxCopyConformanceTest {

    private final BusyboxCopyCase copyCase = BusyboxCopyCase.fromClasspath();
    private final ImgDump imgDump = ImgDump.locate();
    private Path tmp;
    private TestRegistry registry;
    private JbuildDaemon daemon;
    private BusyboxImage busybox;

    @BeforeAll
    void publishBusybox(@TempDir Path dir) throws Exception {
        tmp = dir;
        registry = TestRegistry.start(tmp.resolve("registry"));
        daemon = JbuildDaemon.start(tmp.resolve("root"));
        busybox = BusyboxImage.publish(daemon, registry, tmp.resolve("busybox"));
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void copyOnBusyboxGivesBuildKitsFilesAndConfig() throws Exception {
        Path context = copyCase.materialize(tmp.resolve("context"));
        Path oci = tmp.resolve("copy.oci.tar");
        JbuildCli.Result r = JbuildCli.run(daemon.address(), tmp, "build",
                "--build-arg", BusyboxCopyCase.BASE_ARG + "=" + busybox.reference(),
                "--output", "type=oci,dest=" + oci, context.toString());
        assertThat(r.exitCode()).as("%s\n--- daemon log\n%s", r.describe(), daemon.logTail()).isZero();

        Path actual = tmp.resolve("actual.json");
        Files.writeString(actual, imgDump.summarizeOci(oci, "--base", busybox.reference()));
        ImgDump.Diff diff = imgDump.diff(copyCase.expected(), actual);
        assertThat(diff.identical()).as("jbuild's image differs from BuildKit's (expected = %s, actual = jbuild):"
                + "\n%s\nDockerfile:\n%s", copyCase.expected(), diff.text(),
                Files.readString(context.resolve("Dockerfile"))).isTrue();
    }

    /** Values BuildKit gave on the reference environment (v0.8; current BuildKit's FileOp reads users the same way). */
    @Test
    void namesTheBaseImageLacksAreRootInCopyAndWorkdirAsInBuildKit() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("unknown-user"));
        Files.writeString(context.resolve("Dockerfile"), "ARG BUSYBOX\nFROM ${BUSYBOX}\n"
                + "COPY --chown=nosuchuser:mail f /f\nCOPY --chown=daemon:nosuchgroup f /g\n"
                + "USER nosuchuser\nWORKDIR /w\n");
        Files.writeString(context.resolve("f"), "f\n");
        Path oci = tmp.resolve("unknown-user.oci.tar");
        JbuildCli.Result r = JbuildCli.run(daemon.address(), context, "build",
                "--build-arg", BusyboxCopyCase.BASE_ARG + "=" + busybox.reference(),
                "--output", "type=oci,dest=" + oci, ".");
        assertThat(r.exitCode()).as("%s\n--- daemon log\n%s", r.describe(), daemon.logTail()).isZero();
        JsonNode files = new ObjectMapper().readTree(imgDump.summarizeOci(oci, "--base", busybox.reference()))
                .get("files");
        assertThat(owner(files, "/f")).isEqualTo("0:8");
        assertThat(owner(files, "/g")).isEqualTo("1:1");
        assertThat(owner(files, "/w")).isEqualTo("0:0");
    }

    private static String owner(JsonNode files, String path) {
        JsonNode e = files.get(path);
        assertThat(e).as("%s in %s", path, files).isNotNull();
        return e.get("uid").asInt() + ":" + e.get("gid").asInt();
    }
}

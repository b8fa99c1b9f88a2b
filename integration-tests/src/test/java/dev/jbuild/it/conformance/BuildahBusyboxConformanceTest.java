package dev.jbuild.it.conformance;

import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildDaemon;
import dev.jbuild.it.registry.BusyboxImage;
import dev.jbuild.it.registry.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RUN (and COPY, ADD, WORKDIR, USER, VOLUME, ARG...) on busybox checked against BuildKit: each included case of
 * cases-busybox.tsv is built by jbuild FROM busybox (every upstream base rewritten to that name,
 * {@link BusyboxBaseRewrite}), which a docker.io mirror in the daemon config serves as the busybox test image;
 * its summary less the busybox image's unchanged files (imgdump {@code --base}) must equal BuildKit's of the same
 * Dockerfile built FROM the reference environment's busybox (expected-busybox/SLUG.json, README "Busybox cases").
 * Where BuildKit refused the build, jbuild must refuse it too, naming the Dockerfile line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildahBusyboxConformanceTest {

    private final ConformanceCorpus corpus = ConformanceCorpus.fromClasspath(ConformanceCorpus.Suite.BUSYBOX);
    private final ImgDump imgDump = ImgDump.locate();
    private CaseMaterializer materializer;
    private TestRegistry registry;
    private JbuildDaemon daemon;
    private BusyboxImage busybox;
    private final BusyboxBaseRewrite rewrite = new BusyboxBaseRewrite("busybox");

    @BeforeAll
    void publishBusybox(@TempDir Path dir) throws Exception {
        materializer = new CaseMaterializer(corpus);
        registry = TestRegistry.start(dir.resolve("registry"));
        // the same Dockerfile text as BuildKit's: FROM busybox, from the docker.io mirror (docker.io is unreachable)
        Path config = dir.resolve("jbuildd.toml");
        Files.writeString(config, "[registry.\"docker.io\"]\n  mirrors = [\"" + registry.host() + "\"]\n");
        daemon = JbuildDaemon.start(dir.resolve("root"), List.of(), List.of("--config", config.toString()));
        busybox = BusyboxImage.publish(daemon, registry, dir.resolve("busybox"));
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

    List<ConformanceCase> includedCases() {
        return corpus.includedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("includedCases")
    void buildMatchesBuildKit(ConformanceCase c, @TempDir Path work) throws Exception {
        Path context = work.resolve("context");
        Path dockerfile = materializer.materialize(c, context, rewrite::dockerfile);
        List<String> buildArgs = c.buildArgs().stream().map(rewrite::buildArg).toList();
        new BuildKitComparison(daemon, imgDump).check(c, corpus.expected(c), context, dockerfile, buildArgs, work,
                "--base", busybox.reference());
    }
}

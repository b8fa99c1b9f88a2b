package dev.jbuild.it.conformance;

import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildDaemon;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * COPY semantics checked against a peer: each included buildah conformance case (cases.tsv) is built by
 * jbuild into an OCI tarball and its imgdump summary must equal the one BuildKit produced from the same
 * materialized context (expected/SLUG.json). Where BuildKit refused the build, jbuild must refuse it too, with
 * a Dockerfile error; so must it where upstream expects a failure at a line and no BuildKit run is recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildahCopyConformanceTest {

    private final ConformanceCorpus corpus = ConformanceCorpus.fromClasspath();
    private final ImgDump imgDump = ImgDump.locate();
    private CaseMaterializer materializer;
    private JbuildDaemon daemon;

    @BeforeAll
    void startDaemon(@TempDir Path daemonRoot) throws Exception {
        materializer = new CaseMaterializer(corpus);
        daemon = JbuildDaemon.start(daemonRoot);
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    List<ConformanceCase> includedCases() {
        return corpus.includedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("includedCases")
    void buildMatchesBuildKit(ConformanceCase c, @TempDir Path work) throws Exception {
        Path context = work.resolve("context");
        Path dockerfile = materializer.materialize(c, context);
        new BuildKitComparison(daemon, imgDump).check(c, corpus.expected(c), context, dockerfile, c.buildArgs(), work);
    }
}

package dev.jbuild.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.it.ImgDump;
import dev.jbuild.it.JbuildCli;
import dev.jbuild.it.JbuildDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
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
        Path ociTar = work.resolve("image.oci.tar");
        JbuildCli.Result result = JbuildCli.run(daemon.address(), work, buildArgs(c, context, dockerfile, ociTar));
        ExpectedOutcome expected = ExpectedOutcome.of(c, corpus.expected(c));

        if (expected.buildFails()) {
            assertFailsWithDockerfileError(c, dockerfile, expected, result);
            return;
        }
        assertThat(result.exitCode()).as("jbuild build of %s failed; BuildKit built it.\n%s\n--- daemon log\n%s",
                c, result.describe(), daemon.logTail()).isZero();
        Path actual = work.resolve("actual.json");
        Files.writeString(actual, imgDump.summarizeOci(ociTar));
        ImgDump.Diff diff = imgDump.diff(corpus.expected(c), actual);
        assertThat(diff.identical()).as("%s: jbuild's image differs from BuildKit's (expected = %s, actual = "
                + "jbuild):\n%s\nDockerfile:\n%s", c, corpus.expected(c), diff.text(), Files.readString(dockerfile))
                .isTrue();
    }

    private static String[] buildArgs(ConformanceCase c, Path context, Path dockerfile, Path ociTar) {
        List<String> args = new ArrayList<>(List.of("build", "-f", dockerfile.toString(),
                "--output", "type=oci,dest=" + ociTar));
        for (String kv : c.buildArgs()) {
            args.add("--build-arg");
            args.add(kv);
        }
        args.add(context.toString());
        return args.toArray(String[]::new);
    }

    private void assertFailsWithDockerfileError(ConformanceCase c, Path dockerfile, ExpectedOutcome expected,
                                                JbuildCli.Result result) throws IOException {
        String why = "BuildKit refused " + c + " with: " + String.join(" | ", expected.buildKitError());
        assertThat(result.exitCode()).as("%s; jbuild must fail too.\n%s", why, result.describe()).isNotZero();
        OptionalInt line = expected.failureLine(c, dockerfile);
        Pattern location = Pattern.compile("Dockerfile[^\\s:]*:" + (line.isPresent() ? line.getAsInt() + "\\b" : "\\d+"));
        assertThat(location.matcher(result.stderr()).find())
                .as("%s; jbuild's error should name the Dockerfile line (%s).\n%s", why, location, result.describe())
                .isTrue();
    }
}

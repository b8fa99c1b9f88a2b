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

/**
 * One materialized case built by jbuild and held against BuildKit's recorded outcome (the checks the conformance
 * suites share): where BuildKit refused the build, or upstream expects a failure and no BuildKit run is recorded,
 * jbuild must refuse it too, naming the Dockerfile line; otherwise jbuild's image, summarized by imgdump as
 * BuildKit's was, must be identical to BuildKit's.
 */
final class BuildKitComparison {

    private final JbuildDaemon daemon;
    private final ImgDump imgDump;

    BuildKitComparison(JbuildDaemon daemon, ImgDump imgDump) {
        this.daemon = daemon;
        this.imgDump = imgDump;
    }

    /**
     * Builds {@code context} with {@code dockerfile} and {@code buildArgs} (K=V) into an OCI tarball in {@code work}
     * and checks the outcome against {@code expectedJson}.
     *
     * @param summaryOptions imgdump's options for jbuild's image, the ones BuildKit's summary was made with
     */
    void check(ConformanceCase c, Path expectedJson, Path context, Path dockerfile, List<String> buildArgs, Path work,
               String... summaryOptions) throws IOException, InterruptedException {
        Path ociTar = work.resolve("image.oci.tar");
        JbuildCli.Result result = JbuildCli.run(daemon.address(), work, buildCommand(context, dockerfile, buildArgs,
                ociTar));
        ExpectedOutcome expected = ExpectedOutcome.of(c, expectedJson);
        if (expected.buildFails()) {
            assertFailsWithDockerfileError(c, dockerfile, expected, result);
            return;
        }
        assertThat(result.exitCode()).as("jbuild build of %s failed; BuildKit built it.\n%s\n--- daemon log\n%s",
                c, result.describe(), daemon.logTail()).isZero();
        Path actual = work.resolve("actual.json");
        Files.writeString(actual, imgDump.summarizeOci(ociTar, summaryOptions));
        ImgDump.Diff diff = imgDump.diff(expectedJson, actual);
        assertThat(diff.identical()).as("%s: jbuild's image differs from BuildKit's (expected = %s, actual = "
                + "jbuild):\n%s\nDockerfile:\n%s", c, expectedJson, diff.text(), Files.readString(dockerfile))
                .isTrue();
    }

    private static String[] buildCommand(Path context, Path dockerfile, List<String> buildArgs, Path ociTar) {
        List<String> args = new ArrayList<>(List.of("build", "-f", dockerfile.toString(),
                "--output", "type=oci,dest=" + ociTar));
        for (String kv : buildArgs) {
            args.add("--build-arg");
            args.add(kv);
        }
        args.add(context.toString());
        return args.toArray(String[]::new);
    }

    private static void assertFailsWithDockerfileError(ConformanceCase c, Path dockerfile, ExpectedOutcome expected,
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

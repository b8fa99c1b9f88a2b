package dev.jbuild.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus is complete and materializes contexts the way buildah's harness does. */
class ConformanceCorpusTest {

    private final ConformanceCorpus corpus = ConformanceCorpus.fromClasspath();

    @Test
    void everyIncludedCaseHasABuildKitOutcomeAndEveryExcludedOneAReason() throws Exception {
        assertThat(corpus.includedCases()).hasSize(57);
        for (ConformanceCase c : corpus.includedCases()) {
            if (!Files.isRegularFile(corpus.expected(c))) {
                assertThat(c.upstreamFailureLine()).as("%s: no BuildKit summary, so upstream must expect a failure", c)
                        .isPresent();
            }
            ExpectedOutcome.of(c, corpus.expected(c));
        }
        assertThat(corpus.allCases()).filteredOn(c -> !c.included())
                .allSatisfy(c -> assertThat(c.exclusionReason()).isNotEqualTo("-"));
    }

    @Test
    void everyIncludedBusyboxCaseHasABuildKitOutcomeAndTheGeneratorBuildsWhatAwaitsOne() throws Exception {
        ConformanceCorpus busybox = ConformanceCorpus.fromClasspath(ConformanceCorpus.Suite.BUSYBOX);
        assertThat(busybox.includedCases()).hasSize(66);
        for (ConformanceCase c : busybox.includedCases()) {
            assertThat(busybox.expected(c)).as("%s: BuildKit's summary or error", c).isRegularFile();
            ExpectedOutcome.of(c, busybox.expected(c));
        }
        assertThat(busybox.allCases()).filteredOn(c -> !c.included())
                .allSatisfy(c -> assertThat(c.exclusionReason()).isNotEqualTo("-"));
        // the cases whose reference diverges are regenerated too; those missing a piece of upstream are not
        assertThat(busybox.generatorCases()).hasSize(74).extracting(ConformanceCase::slug)
                .contains("heredoc-quoting", "copy-integration1").doesNotContain("mount-targets-new");
        // no table holds a case of the other: scratch-only cases are cases.tsv's
        assertThat(busybox.allCases()).extracting(ConformanceCase::slug)
                .doesNotContainAnyElementsOf(corpus.allCases().stream().map(ConformanceCase::slug).toList());
    }

    @Test
    void busyboxCasesAreMaterializedWithTheBaseRewrittenAndTheLinesKept(@TempDir Path tmp) throws Exception {
        ConformanceCorpus busybox = ConformanceCorpus.fromClasspath(ConformanceCorpus.Suite.BUSYBOX);
        BusyboxBaseRewrite rewrite = new BusyboxBaseRewrite("busybox");
        ConformanceCase pinned = busybox.allCases().stream()
                .filter(c -> c.slug().equals("stage-container-as-source-plus-hardlinks")).findFirst().orElseThrow();
        Path dockerfile = new CaseMaterializer(busybox).materialize(pinned, tmp.resolve("a"), rewrite::dockerfile);
        assertThat(Files.readString(dockerfile)).startsWith("FROM busybox AS build\nRUN mkdir -p /target/subdir\n");
        assertThat(Files.getLastModifiedTime(dockerfile))
                .isEqualTo(FileTime.fromMillis(CaseMaterializer.TEST_DATE * 1000));

        String labs = "# syntax=mirror.gcr.io/docker/dockerfile:1.4\nFROM quay.io/libpod/centos:7\n"
                + "# syntax=not/a/directive\nFROM mirror.gcr.io/alpine AS a\n";
        assertThat(rewrite.dockerfile(labs)).isEqualTo("# (offline: no syntax directive, was "
                + "mirror.gcr.io/docker/dockerfile:1.4)\nFROM busybox\n# syntax=not/a/directive\nFROM busybox AS a\n");
        assertThat(rewrite.buildArg("ALPINE=mirror.gcr.io/alpine")).isEqualTo("ALPINE=busybox");
        assertThat(rewrite.buildArg("SECONDBASE=localhost/no-such-image")).isEqualTo("SECONDBASE=localhost/no-such-image");
    }

    @Test
    void overlayGetsCaseJsonModesOwnersAndMtimes(@TempDir Path tmp) throws Exception {
        Path ctx = tmp.resolve("ctx");
        Path dockerfile = new CaseMaterializer(corpus).materialize(caseNamed("copy-permissions"), ctx);
        Path owned = ctx.resolve("subdir/would-be-owned-by-99");
        assertThat(Files.getAttribute(owned, "unix:uid")).isEqualTo(99);
        assertThat(Files.getAttribute(owned, "unix:gid")).isEqualTo(99);
        assertThat(mode(owned)).isEqualTo(0640);
        assertThat(Files.getLastModifiedTime(owned)).isEqualTo(FileTime.fromMillis(CaseMaterializer.TEST_DATE * 1000));
        assertThat(dockerfile).isEqualTo(ctx.resolve("Dockerfile"));
        assertThat(Files.getLastModifiedTime(dockerfile)).isEqualTo(FileTime.fromMillis(CaseMaterializer.TEST_DATE * 1000));
        assertThat(mode(ctx)).isEqualTo(0755);
    }

    @Test
    void testdataSymlinksAndOddOverlayModesAreRecreated(@TempDir Path tmp) throws Exception {
        Path ctx = tmp.resolve("ctx");
        new CaseMaterializer(corpus).materialize(caseNamed("copy-escape-glob"), ctx);
        assertThat(mode(ctx.resolve("app/st*uv"))).isEqualTo(0700);
        assertThat(mode(ctx.resolve("app/st*uv/file.txt"))).isEqualTo(0600);

        Path ctx2 = tmp.resolve("ctx2");
        new CaseMaterializer(corpus).materialize(caseNamed("dockerignore-exceptions-dot"), ctx2);
        Path link = ctx2.resolve("subdir-e/subdir-f/subdir-g/subdir-b");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../../../subdir-b"));
        assertThat(Files.readString(ctx2.resolve(".dockerignore"))).isEqualTo("**/*-a\n!**/*-c");
    }

    @Test
    void dockerfileInASubdirectoryStaysWhereTheCaseNamesIt(@TempDir Path tmp) throws Exception {
        Path ctx = tmp.resolve("ctx");
        Path dockerfile = new CaseMaterializer(corpus).materialize(caseNamed("dockerfile-in-subdirectory"), ctx);
        assertThat(dockerfile).isEqualTo(ctx.resolve("subdir/Dockerfile"));
        assertThat(Files.readString(dockerfile)).startsWith("FROM scratch");
    }

    private ConformanceCase caseNamed(String slug) {
        return corpus.includedCases().stream().filter(c -> c.slug().equals(slug)).findFirst().orElseThrow();
    }

    private static int mode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}

package dev.jbuild.it.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The buildah-derived corpus on the test classpath ({@code conformance/buildah}): one table of cases and the
 * BuildKit outcomes recorded for them. The cases of both tables share the corpus's testdata and cases/.
 */
public final class ConformanceCorpus {

    /** A table of cases (file in the corpus root) and the directory of their BuildKit outcomes. */
    public enum Suite {
        /** The scratch-only cases: {@code cases.tsv}, {@code expected/}. */
        SCRATCH("cases.tsv", "expected"),
        /** The other cases runnable with busybox alone, built FROM the busybox image: {@code cases-busybox.tsv}. */
        BUSYBOX("cases-busybox.tsv", "expected-busybox");

        private final String table;
        private final String expectedDir;

        Suite(String table, String expectedDir) {
            this.table = table;
            this.expectedDir = expectedDir;
        }
    }

    private static final String CORPUS_RESOURCE = "conformance/buildah/cases.tsv";

    private final Path root;
    private final Suite suite;

    private ConformanceCorpus(Path root, Suite suite) {
        this.root = root;
        this.suite = suite;
    }

    /** The scratch-only cases, found through the class path. */
    public static ConformanceCorpus fromClasspath() {
        return fromClasspath(Suite.SCRATCH);
    }

    /** One table's cases, found through the class path (a directory, as under target/test-classes). */
    public static ConformanceCorpus fromClasspath(Suite suite) {
        return new ConformanceCorpus(directoryOf(CORPUS_RESOURCE), suite);
    }

    /** The directory holding {@code resource} on the test class path (a file, as under target/test-classes). */
    static Path directoryOf(String resource) {
        URL url = ConformanceCorpus.class.getClassLoader().getResource(resource);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException(resource + " is not on the class path as a file (found: " + url
                    + "); run from the integration-tests module's test classes");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }

    public Path root() {
        return root;
    }

    public Suite suite() {
        return suite;
    }

    /** Every case of the table, included and excluded. */
    public List<ConformanceCase> allCases() {
        try (var lines = Files.lines(root.resolve(suite.table))) {
            return lines.skip(1).filter(l -> !l.isBlank()).map(ConformanceCase::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases this suite runs. */
    public List<ConformanceCase> includedCases() {
        return allCases().stream().filter(ConformanceCase::included).toList();
    }

    /**
     * The cases the expectation generator builds with BuildKit: the included ones, and those excluded only for
     * lacking a BuildKit summary or for a reference that diverges (their material is in the corpus).
     */
    public List<ConformanceCase> generatorCases() {
        return allCases().stream().filter(c -> c.included() || c.awaitsReference()).toList();
    }

    /** The BuildKit summary (or BuildKit's error, for a failing case) recorded for a case. */
    public Path expected(ConformanceCase c) {
        return root.resolve(suite.expectedDir).resolve(c.slug() + ".json");
    }

    Path resolve(String relative) {
        return root.resolve(relative);
    }
}

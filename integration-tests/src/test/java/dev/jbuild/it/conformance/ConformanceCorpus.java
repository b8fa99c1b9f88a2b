package dev.jbuild.it.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The buildah-derived corpus on the test classpath ({@code conformance/buildah}): cases and expected data. */
public final class ConformanceCorpus {

    private static final String CASES_RESOURCE = "conformance/buildah/cases.tsv";

    private final Path root;

    private ConformanceCorpus(Path root) {
        this.root = root;
    }

    /** Finds the corpus through the class path (it must be a directory, as under target/test-classes). */
    public static ConformanceCorpus fromClasspath() {
        return new ConformanceCorpus(directoryOf(CASES_RESOURCE));
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

    /** Every case of cases.tsv, included and excluded. */
    public List<ConformanceCase> allCases() {
        try (var lines = Files.lines(root.resolve("cases.tsv"))) {
            return lines.skip(1).filter(l -> !l.isBlank()).map(ConformanceCase::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases this suite runs. */
    public List<ConformanceCase> includedCases() {
        return allCases().stream().filter(ConformanceCase::included).toList();
    }

    /** The BuildKit summary (or BuildKit's error, for a failing case) recorded for a case. */
    public Path expected(ConformanceCase c) {
        return root.resolve("expected").resolve(c.slug() + ".json");
    }

    Path resolve(String relative) {
        return root.resolve(relative);
    }
}

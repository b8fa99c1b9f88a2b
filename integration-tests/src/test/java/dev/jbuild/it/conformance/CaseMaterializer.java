package dev.jbuild.it.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;

/**
 * Builds a case's context directory the way buildah's conformance harness does (README "How a case is run
 * upstream", step 1): a copy of testdata/CONTEXT_DIR (or a directory with just the testdata Dockerfile, or an
 * empty one); an inline Dockerfile written as CONTEXT/Dockerfile, replacing any; the case's overlay; the
 * Dockerfile and the context root get mtime 1485449953.
 */
public final class CaseMaterializer {

    /** 2017-01-26T16:59:13Z, upstream's {@code testDate}. */
    static final long TEST_DATE = 1485449953L;

    private final ConformanceCorpus corpus;
    private final TestdataManifest manifest;

    public CaseMaterializer(ConformanceCorpus corpus) throws IOException {
        this.corpus = corpus;
        this.manifest = TestdataManifest.load(corpus.root());
    }

    /** Fills {@code context} (an empty or absent directory) and returns the Dockerfile's path in it. */
    public Path materialize(ConformanceCase c, Path context) throws IOException {
        return materialize(c, context, UnaryOperator.identity());
    }

    /** As {@link #materialize(ConformanceCase, Path)}, with the Dockerfile's text passed through {@code rewrite}. */
    public Path materialize(ConformanceCase c, Path context, UnaryOperator<String> rewrite) throws IOException {
        Files.createDirectories(context);
        try (var existing = Files.list(context)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalArgumentException("context directory " + context + " is not empty");
            }
        }
        if (!c.contextDir().equals("-")) {
            manifest.copyContents(testdataRelative(c.contextDir()), context);
        } else if (!c.hasInlineDockerfile()) {
            Path df = context.resolve(c.dockerfileInContext());
            Files.copy(corpus.resolve(c.dockerfile()), df);
            FileMetadata.setMode(df, 0644);
        }
        FileMetadata.setMode(context, 0755);
        Path dockerfile = context.resolve(c.dockerfileInContext());
        if (c.hasInlineDockerfile()) {
            Files.copy(corpus.resolve(c.dockerfile()), dockerfile, StandardCopyOption.REPLACE_EXISTING);
            FileMetadata.setMode(dockerfile, 0644);
        }
        ContextTweak.load(corpus.resolve("cases/" + c.slug())).applyTo(context);
        Files.writeString(dockerfile, rewrite.apply(Files.readString(dockerfile)));
        FileMetadata.setMtime(dockerfile, TEST_DATE);
        FileMetadata.setMtime(context, TEST_DATE);
        return dockerfile;
    }

    private static String testdataRelative(String contextDir) {
        if (!contextDir.startsWith("testdata/")) {
            throw new IllegalArgumentException("context_dir must be under testdata/: " + contextDir);
        }
        return contextDir.substring("testdata/".length());
    }
}

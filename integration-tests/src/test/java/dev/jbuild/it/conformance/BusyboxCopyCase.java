package dev.jbuild.it.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The COPY-only build on busybox of {@code conformance/busybox-copy} (its README says what it covers and how
 * BuildKit's summary, {@code expected.json}, was made). Its context lives in {@code testdata/context} with
 * the metadata of {@code testdata.manifest.tsv} (modes, owners, symlinks). {@link #main} materializes it for
 * the generator script.
 */
public final class BusyboxCopyCase {

    static final String RESOURCE_DIR = "conformance/busybox-copy";
    /** The build argument that names the base image ({@code FROM ${BUSYBOX}}). */
    static final String BASE_ARG = "BUSYBOX";

    private final Path root;

    private BusyboxCopyCase(Path root) {
        this.root = root;
    }

    static BusyboxCopyCase fromClasspath() {
        return new BusyboxCopyCase(ConformanceCorpus.directoryOf(RESOURCE_DIR + "/testdata.manifest.tsv"));
    }

    /** Fills {@code context} (absent or empty) with the build context, Dockerfile included; returns it. */
    Path materialize(Path context) throws IOException {
        Files.createDirectories(context);
        TestdataManifest.load(root).copyContents("context", context);
        return context;
    }

    /** BuildKit's summary of the image, less the base image's files (imgdump {@code --base}). */
    Path expected() {
        return root.resolve("expected.json");
    }

    /** Usage: {@code BusyboxCopyCase OUT_DIR}: writes the context to OUT_DIR (absent or empty). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BusyboxCopyCase OUT_DIR");
            System.exit(2);
        }
        System.out.println(fromClasspath().materialize(Path.of(args[0]).toAbsolutePath()));
    }
}

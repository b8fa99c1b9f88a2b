package dev.jbuild.it.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of {@code conformance/buildah/cases.tsv}: an upstream buildah conformance case and whether this
 * suite runs it.
 *
 * @param slug                file-system name of the case (cases/SLUG, expected/SLUG.json)
 * @param name                upstream test name
 * @param included            true if jbuild's instruction set covers the case
 * @param dockerfile          Dockerfile source, relative to the corpus root (cases/... or testdata/...)
 * @param contextDir          testdata sub-directory copied as the context, or "-" for none
 * @param dockerfileInContext the Dockerfile's path inside the materialized context (the build's -f)
 * @param buildArgs           build arguments as K=V
 * @param upstreamExpect      upstream's expectation: "success" or "fail@lineN /regex/"
 * @param exclusionReason     why the case is not run, or "-"
 */
public record ConformanceCase(String slug, String name, boolean included, String dockerfile, String contextDir,
                              String dockerfileInContext, List<String> buildArgs, String upstreamExpect,
                              String exclusionReason) {

    private static final Pattern FAIL_LINE = Pattern.compile("^fail@line(\\d+)");

    static ConformanceCase parse(String tsvLine) {
        String[] f = tsvLine.split("\t", -1);
        if (f.length != 9) {
            throw new IllegalArgumentException("cases.tsv: expected 9 tab-separated columns, got " + f.length
                    + " in: " + tsvLine);
        }
        List<String> args = f[6].equals("-") ? List.of() : Arrays.asList(f[6].split(";"));
        return new ConformanceCase(f[0], f[1], f[2].equals("include"), f[3], f[4], f[5], List.copyOf(args),
                f[7], f[8]);
    }

    /** The Dockerfile line at which upstream expects the build to fail, if it expects a failure. */
    public Optional<Integer> upstreamFailureLine() {
        Matcher m = FAIL_LINE.matcher(upstreamExpect);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /**
     * Excluded only because BuildKit's summary is missing or diverges, so the generator builds it (README). The
     * import tool writes that reason alone or first, and only when no other reason stands before it.
     */
    public boolean awaitsReference() {
        return !included && (exclusionReason.startsWith("no BuildKit reference yet")
                || exclusionReason.startsWith("reference diverges"));
    }

    /** The Dockerfile comes from cases/SLUG/Dockerfile and is written as the context's Dockerfile. */
    public boolean hasInlineDockerfile() {
        return dockerfile.startsWith("cases/");
    }

    @Override
    public String toString() {
        return slug;
    }
}

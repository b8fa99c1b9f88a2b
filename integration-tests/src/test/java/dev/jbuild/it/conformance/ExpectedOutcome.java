package dev.jbuild.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What BuildKit did with a case, read from expected/SLUG.json: an image summary, or imgdump's
 * {@code {"error": [...]}} when BuildKit refused the build. A case upstream expects to fail at a line needs no
 * summary: without expected/SLUG.json its outcome is that failure ({@link #derivedFailure}).
 */
record ExpectedOutcome(boolean buildFails, List<String> buildKitError) {

    /** BuildKit echoes the failing step as " > [2/3] COPY a b:". */
    private static final Pattern FAILED_STEP = Pattern.compile("^ > \\[[^\\]]+\\] (.+):$");

    /** The outcome of {@code c}: BuildKit's recorded one, or the failure upstream expects when none is recorded. */
    static ExpectedOutcome of(ConformanceCase c, Path expectedJson) throws IOException {
        if (Files.isRegularFile(expectedJson)) {
            return read(expectedJson);
        }
        return derivedFailure(c).orElseThrow(() -> new IllegalStateException(c + ": no " + expectedJson
                + " and upstream expects success: only BuildKit's summary can say what the image holds"));
    }

    /** Upstream's fail@lineN, when it has one: the build fails at that line (no BuildKit message recorded). */
    static Optional<ExpectedOutcome> derivedFailure(ConformanceCase c) {
        return c.upstreamFailureLine().map(line -> new ExpectedOutcome(true,
                List.of("(no BuildKit run recorded; upstream expects a failure at line " + line + ")")));
    }

    static ExpectedOutcome read(Path expectedJson) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(expectedJson.toFile());
        if (doc.has("error")) {
            List<String> lines = new java.util.ArrayList<>();
            doc.get("error").forEach(l -> lines.add(l.asText()));
            return new ExpectedOutcome(true, List.copyOf(lines));
        }
        if (!doc.has("config") || !doc.has("files")) {
            throw new IllegalStateException(expectedJson + " is neither an image summary nor an error");
        }
        return new ExpectedOutcome(false, List.of());
    }

    /**
     * The Dockerfile line the failure belongs to: upstream's fail@lineN when it has one, else the line holding
     * the step BuildKit reports as failed.
     */
    OptionalInt failureLine(ConformanceCase c, Path dockerfile) throws IOException {
        Optional<Integer> upstream = c.upstreamFailureLine();
        if (upstream.isPresent()) {
            return OptionalInt.of(upstream.get());
        }
        List<String> lines = Files.readAllLines(dockerfile);
        for (String err : buildKitError) {
            Matcher m = FAILED_STEP.matcher(err);
            if (m.matches()) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).trim().equals(m.group(1).trim())) {
                        return OptionalInt.of(i + 1);
                    }
                }
            }
        }
        return OptionalInt.empty();
    }
}

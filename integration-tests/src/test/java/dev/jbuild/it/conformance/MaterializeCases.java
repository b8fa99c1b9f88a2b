package dev.jbuild.it.conformance;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Materializes the included cases into OUT_DIR/SLUG, for generating the expected summaries with BuildKit from
 * exactly the contexts the test builds. Prints one line per case: slug, context, Dockerfile, build args
 * (tab-separated, "-" when none). Usage: {@code MaterializeCases OUT_DIR [SLUG...]}.
 */
public final class MaterializeCases {

    private MaterializeCases() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MaterializeCases OUT_DIR [SLUG...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        Set<String> only = Arrays.stream(args).skip(1).collect(Collectors.toSet());
        ConformanceCorpus corpus = ConformanceCorpus.fromClasspath();
        CaseMaterializer materializer = new CaseMaterializer(corpus);
        List<ConformanceCase> cases = corpus.includedCases().stream()
                .filter(c -> only.isEmpty() || only.contains(c.slug())).toList();
        for (ConformanceCase c : cases) {
            Path context = out.resolve(c.slug());
            Path dockerfile = materializer.materialize(c, context);
            System.out.println(String.join("\t", c.slug(), context.toString(), dockerfile.toString(),
                    c.buildArgs().isEmpty() ? "-" : String.join(";", c.buildArgs())));
        }
    }
}

package dev.jbuild.it.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Materializes cases into OUT_DIR/SLUG, for generating the expected summaries with BuildKit from exactly the
 * contexts the tests build. Prints one line per case: slug, context, Dockerfile, build args (tab-separated, ";"
 * between build args, "-" when none). Usage: {@code MaterializeCases [--busybox BASE] OUT_DIR [SLUG...]}: the
 * included scratch cases, or with {@code --busybox} the busybox cases the generator builds
 * ({@link ConformanceCorpus#generatorCases}), every upstream base replaced by BASE ({@link BusyboxBaseRewrite}).
 */
public final class MaterializeCases {

    private MaterializeCases() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        BusyboxBaseRewrite rewrite = null;
        if (args.size() >= 2 && args.get(0).equals("--busybox")) {
            rewrite = new BusyboxBaseRewrite(args.get(1));
            args = args.subList(2, args.size());
        }
        if (args.isEmpty()) {
            System.err.println("usage: MaterializeCases [--busybox BASE] OUT_DIR [SLUG...]");
            System.exit(2);
        }
        Path out = Path.of(args.get(0)).toAbsolutePath();
        Set<String> only = args.stream().skip(1).collect(Collectors.toSet());
        ConformanceCorpus corpus = ConformanceCorpus.fromClasspath(
                rewrite == null ? ConformanceCorpus.Suite.SCRATCH : ConformanceCorpus.Suite.BUSYBOX);
        CaseMaterializer materializer = new CaseMaterializer(corpus);
        List<ConformanceCase> cases = (rewrite == null ? corpus.includedCases() : corpus.generatorCases()).stream()
                .filter(c -> only.isEmpty() || only.contains(c.slug())).toList();
        for (ConformanceCase c : cases) {
            Path context = out.resolve(c.slug());
            Path dockerfile = rewrite == null ? materializer.materialize(c, context)
                    : materializer.materialize(c, context, rewrite::dockerfile);
            UnaryOperator<String> arg = rewrite == null ? UnaryOperator.identity() : rewrite::buildArg;
            List<String> buildArgs = c.buildArgs().stream().map(arg).toList();
            System.out.println(String.join("\t", c.slug(), context.toString(), dockerfile.toString(),
                    buildArgs.isEmpty() ? "-" : String.join(";", buildArgs)));
        }
    }
}

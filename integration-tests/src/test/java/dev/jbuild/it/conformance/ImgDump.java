package dev.jbuild.it.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shared {@code tools/imgdump.py}: summarizes an OCI tarball and diffs two summaries. The shared folder
 * is the system property {@code jbuild.shared}, else a {@code shared} folder beside the repository root.
 */
public final class ImgDump {

    /** Outcome of {@code imgdump.py diff}: exit 0 = identical, 1 = different. */
    public record Diff(boolean identical, String text) {
    }

    private final Path script;

    private ImgDump(Path script) {
        this.script = script;
    }

    public static ImgDump locate() {
        String property = System.getProperty("jbuild.shared");
        List<Path> candidates = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        } else {
            // integration-tests/ -> repository root -> its parent, which holds shared/
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve("shared"));
            }
        }
        for (Path shared : candidates) {
            Path script = shared.resolve("tools/imgdump.py");
            if (Files.isRegularFile(script)) {
                return new ImgDump(script.toAbsolutePath().normalize());
            }
        }
        throw new IllegalStateException("cannot find shared/tools/imgdump.py (looked in " + candidates
                + "); set -Djbuild.shared=/path/to/shared");
    }

    /**
     * The summary JSON of the first image in an OCI layout tarball.
     *
     * @param options imgdump's own, e.g. "--mtime", "--content"
     */
    public String summarizeOci(Path ociTar, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("oci", ociTar.toString()));
        args.addAll(List.of(options));
        Result r = run(args.toArray(String[]::new));
        if (r.exit() != 0) {
            throw new IOException("imgdump.py oci " + ociTar + " failed (exit " + r.exit() + "): " + r.output());
        }
        return r.output();
    }

    /** The summary JSON of a `docker load` tarball. */
    public String summarizeDockerArchive(Path tar) throws IOException, InterruptedException {
        Result r = run("docker-archive", tar.toString());
        if (r.exit() != 0) {
            throw new IOException("imgdump.py docker-archive " + tar + " failed (exit " + r.exit() + "): " + r.output());
        }
        return r.output();
    }

    public Diff diff(Path expected, Path actual) throws IOException, InterruptedException {
        Result r = run("diff", expected.toString(), actual.toString());
        if (r.exit() > 1) {
            throw new IOException("imgdump.py diff failed (exit " + r.exit() + "): " + r.output());
        }
        return new Diff(r.exit() == 0, r.output());
    }

    private record Result(int exit, String output) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("imgdump-", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out after 120 s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

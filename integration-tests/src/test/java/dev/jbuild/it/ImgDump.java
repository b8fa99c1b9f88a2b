package dev.jbuild.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shared {@code tools/imgdump.py} (found by {@link SharedDir}): summarizes an image (OCI tarball, docker
 * archive, registry) and diffs two summaries.
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
        return new ImgDump(SharedDir.resolve("tools/imgdump.py"));
    }

    /**
     * The summary JSON of the first image in an OCI layout tarball.
     *
     * @param options imgdump's own, e.g. "--mtime", "--content", or "--base", REFERENCE to keep only what differs
     *     from an image in a registry (changed paths; deleted ones as "deleted")
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

    /** The summary JSON of an image in a registry (read with skopeo, TLS not verified: loopback test registries). */
    public String summarizeRegistry(String reference) throws IOException, InterruptedException {
        Result r = run("registry", reference);
        if (r.exit() != 0) {
            throw new IOException("imgdump.py registry " + reference + " failed (exit " + r.exit() + "): "
                    + r.output());
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

    /** Differences between two summaries; each of {@code ignoredPrefixes} leaves a path and what is under it out. */
    public Diff diff(Path expected, Path actual, String... ignoredPrefixes) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("diff", expected.toString(), actual.toString()));
        for (String prefix : ignoredPrefixes) {
            args.addAll(List.of("--ignore", prefix));
        }
        Result r = run(args.toArray(String[]::new));
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

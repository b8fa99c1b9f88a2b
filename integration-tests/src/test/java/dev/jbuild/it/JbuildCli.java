package dev.jbuild.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the {@code jbuild} CLI in its own JVM against a given daemon, the way a user would. */
public final class JbuildCli {

    private static final long TIMEOUT_SECONDS = 120;

    /** What the CLI printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** For assertion messages. */
        public String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private JbuildCli() {
    }

    /**
     * Runs {@code jbuild SUBCOMMAND --host ADDRESS REST...} in {@code workDir}: {@code args[0]} is the
     * subcommand ({@code --host} is one of its options).
     */
    public static Result run(String address, Path workDir, String... args) throws IOException, InterruptedException {
        return run(List.of(), address, workDir, args);
    }

    /** As {@link #run(String, Path, String...)}, with options for the client's JVM (e.g. -Xmx64m). */
    public static Result run(List<String> jvmOptions, String address, Path workDir, String... args)
            throws IOException, InterruptedException {
        return runArgs(jvmOptions, Map.of(), workDir, withHost(address, 1, args));
    }

    /**
     * As {@link #run(String, Path, String...)}, with variables set in the client's environment (e.g.
     * DOCKER_CONFIG) on top of the test's own.
     */
    public static Result run(Map<String, String> env, String address, Path workDir, String... args)
            throws IOException, InterruptedException {
        return runArgs(List.of(), env, workDir, withHost(address, 1, args));
    }

    /**
     * Runs a nested subcommand, {@code jbuild COMMAND... --host ADDRESS REST...}, e.g. {@code commandPath}
     * ["debug", "parse"]: {@code --host} belongs to the innermost subcommand.
     */
    public static Result runNested(String address, Path workDir, List<String> commandPath, String... rest)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(commandPath);
        args.addAll(Arrays.asList(rest));
        return runArgs(List.of(), Map.of(), workDir,
                withHost(address, commandPath.size(), args.toArray(String[]::new)));
    }

    private static Result runArgs(List<String> jvmOptions, Map<String, String> env, Path workDir,
            List<String> cliArgs) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jbuild-cli-", ".out");
        Path err = Files.createTempFile("jbuild-cli-", ".err");
        try {
            Process p = start(jvmOptions, env, workDir, cliArgs, out, err);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                throw new IllegalStateException("jbuild " + String.join(" ", cliArgs) + " did not finish within "
                        + TIMEOUT_SECONDS + " s; stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Runs the CLI as a user with no {@code --host} and no {@code JBUILD_HOST} would: the embedded default.
     * The default socket is moved to {@code defaultSocket} and the daemon command to {@code daemonCommand}
     * ({@code -Djbuild.default.host}, {@code JBUILD_DAEMON_CMD}), so that the test never touches a real
     * installation's daemon.
     */
    public static Result runEmbedded(Path defaultSocket, String daemonCommand, Path workDir, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("jbuild-cli-", ".out");
        Path err = Files.createTempFile("jbuild-cli-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(JavaCommand.of(
                    List.of("-Djbuild.default.host=unix://" + defaultSocket), "dev.jbuild.client.Main", List.of(args)))
                    .directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("JBUILD_HOST");
            pb.environment().put("JBUILD_DAEMON_CMD", daemonCommand);
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("jbuild " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Starts the CLI without waiting, its output going to the given files: for tests that act while a
     * build runs.
     */
    public static Process start(String address, Path workDir, Path stdout, Path stderr, String... args)
            throws IOException {
        return start(List.of(), Map.of(), workDir, withHost(address, 1, args), stdout, stderr);
    }

    private static Process start(List<String> jvmOptions, Map<String, String> env, Path workDir,
            List<String> cliArgs, Path out, Path err) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(JavaCommand.of(jvmOptions, "dev.jbuild.client.Main", cliArgs))
                .directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JBUILD_HOST");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The arguments with {@code --host ADDRESS} after the first {@code depth} (the subcommand's path). */
    private static List<String> withHost(String address, int depth, String... args) {
        if (args.length < depth || depth == 0) {
            throw new IllegalArgumentException("a subcommand (e.g. build) is required");
        }
        List<String> cliArgs = new ArrayList<>(Arrays.asList(args).subList(0, depth));
        cliArgs.add("--host");
        cliArgs.add(address);
        cliArgs.addAll(Arrays.asList(args).subList(depth, args.length));
        return cliArgs;
    }
}

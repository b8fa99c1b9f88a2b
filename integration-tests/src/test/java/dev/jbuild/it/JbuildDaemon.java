package dev.jbuild.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A jbuildd in its own JVM, serving {@code unix://ROOT/jbuildd.sock} with state under ROOT.
 * Lifecycle: {@link #start} returns once the socket accepts connections; {@link #close} sends SIGTERM and
 * waits (killing it after 10 s). Its output goes to ROOT/daemon.log. Extra daemon arguments (e.g.
 * {@code --config FILE}) and JVM options go through {@link #start(Path, List, List)}.
 */
public final class JbuildDaemon implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 30_000;

    private final Process process;
    private final Path root;
    private final Path socket;

    private JbuildDaemon(Process process, Path root, Path socket) {
        this.process = process;
        this.root = root;
        this.socket = socket;
    }

    public static JbuildDaemon start(Path root) throws IOException, InterruptedException {
        return start(root, List.of(), List.of(), Map.of());
    }

    /** As {@link #start(Path)}, with variables set in the daemon's environment on top of the test's own. */
    public static JbuildDaemon start(Path root, Map<String, String> env) throws IOException, InterruptedException {
        return start(root, List.of(), List.of(), env);
    }

    /**
     * @param jvmOptions options of the daemon's JVM, before its main class
     * @param args       daemon arguments after --root and --addr
     */
    public static JbuildDaemon start(Path root, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        return start(root, jvmOptions, args, Map.of());
    }

    /** The general form: JVM options, daemon arguments, and environment variables on top of the test's own. */
    public static JbuildDaemon start(Path root, List<String> jvmOptions, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(root);
        Path socket = root.toAbsolutePath().resolve("jbuildd.sock");
        Path log = root.resolve("daemon.log");
        List<String> daemonArgs = new ArrayList<>(
                List.of("--root", root.toAbsolutePath().toString(), "--addr", "unix://" + socket));
        daemonArgs.addAll(args);
        List<String> cmd = JavaCommand.of(jvmOptions, "dev.jbuild.daemon.Main", daemonArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process process = pb.start();
        JbuildDaemon daemon = new JbuildDaemon(process, root, socket);
        try {
            daemon.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    /** The address to give the client ({@code --host}). */
    public String address() {
        return "unix://" + socket;
    }

    public Path root() {
        return root;
    }

    public Path log() {
        return root.resolve("daemon.log");
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("jbuildd exited with status " + process.exitValue()
                        + " before serving " + socket + "; log tail:\n" + logTail());
            }
            if (Files.exists(socket) && accepts()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("jbuildd did not accept connections on " + socket + " within "
                + START_TIMEOUT_MS / 1000 + " s; log tail:\n" + logTail());
    }

    private boolean accepts() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until the daemon has removed the snapshots of the last build started on {@code context} (it does so
     * after the client has its result), up to {@code timeoutMs}.
     */
    public void awaitSnapshotsRemoved(Path context, long timeoutMs) throws IOException, InterruptedException {
        Pattern started = Pattern.compile(".*build (\\S+) started: .* in " + Pattern.quote(context.toString()) + "$");
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            String build = null;
            for (String line : lines) {
                Matcher m = started.matcher(line);
                if (m.matches()) {
                    build = m.group(1);
                }
            }
            String removed = "build " + build + ": ";
            if (build != null && lines.stream().anyMatch(l -> l.contains(removed) && l.endsWith("snapshot(s) removed"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the snapshots of the build in " + context + " were not removed within "
                + timeoutMs + " ms; log tail:\n" + logTail());
    }

    /** The last 40 lines of the daemon's log, for failure messages. */
    public String logTail() throws IOException {
        Path log = log();
        if (!Files.exists(log)) {
            return "(no log at " + log + ")";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}

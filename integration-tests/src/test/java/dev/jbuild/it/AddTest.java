package dev.jbuild.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.jbuild.it.ImgDump;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADD end to end, FROM scratch: local archives in every compression BuildKit detects (written by GNU tar and the
 * compressors' own tools) are unpacked, other files copied as they are; URLs are downloaded from a loopback HTTP
 * server (the JDK's, serving fixed files: a test server) with BuildKit's name, mode, owner and mtime, verified
 * against --checksum. Images are read back with imgdump.py from the OCI tarball, as a user would inspect them.
 */
class AddTest {
  private static final String TOOL = "#!/bin/sh\necho from the web\n";
  private static final String LAST_MODIFIED = "Tue, 15 Nov 1994 08:12:31 GMT";
  private static final long LAST_MODIFIED_EPOCH = 784887151L;

  @TempDir
  static Path tmp;
  static JbuildDaemon daemon;
  static HttpServer server;
  static byte[] archiveBody;

  @BeforeAll
  static void start() throws Exception {
    daemon = JbuildDaemon.start(tmp.resolve("root"));
    Path tree = tree(tmp.resolve("served-tree"));
    Path served = tmp.resolve("served.tar.gz");
    run("tar", "--use-compress-program=gzip", "--numeric-owner", "-C", tree.toString(), "-cf", served.toString(), ".");
    archiveBody = Files.readAllBytes(served);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serve("/dl/tool.sh", TOOL.getBytes(StandardCharsets.UTF_8), true);
    serve("/dl/app.tar.gz", archiveBody, false);
    server.createContext("/gone", x -> {
      x.sendResponseHeaders(404, -1);
      x.close();
    });
    server.start();
  }

  private static void serve(String path, byte[] body, boolean lastModified) {
    server.createContext(path, x -> {
      if (lastModified) {
        x.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
      }
      x.sendResponseHeaders(200, body.length);
      try (OutputStream o = x.getResponseBody()) {
        o.write(body);
      }
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.stop(0);
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** A small tree: a file owned 1000:1000 with mode 0640, a setuid script, a symlink, a nested directory. */
  private static Path tree(Path root) throws Exception {
    Files.createDirectories(root.resolve("etc/app"));
    Files.writeString(root.resolve("etc/app/conf"), "key=value\n");
    Files.setAttribute(root.resolve("etc/app/conf"), "unix:mode", 0640);
    Files.setAttribute(root.resolve("etc/app/conf"), "unix:uid", 1000);
    Files.setAttribute(root.resolve("etc/app/conf"), "unix:gid", 1000);
    Files.writeString(root.resolve("run.sh"), "#!/bin/sh\n");
    Files.setAttribute(root.resolve("run.sh"), "unix:mode", 04755);
    Files.createSymbolicLink(root.resolve("etc/app/link"), Path.of("conf"));
    return root;
  }

  private static JsonNode build(Path ctx, String... summaryOptions) throws Exception {
    Path out = Files.createTempFile(tmp, "image", ".tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--output", "type=oci,dest=" + out, ".");
    assertThat(r.exitCode()).as("%s\n--- daemon log\n%s", r.describe(), daemon.logTail()).isZero();
    return new ObjectMapper().readTree(ImgDump.locate().summarizeOci(out, summaryOptions)).get("files");
  }

  private static Path context(String dockerfile) throws Exception {
    Path ctx = Files.createTempDirectory(tmp, "ctx");
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    return ctx;
  }

  @Test
  void localArchivesInEveryCompressionAreUnpacked() throws Exception {
    Path ctx = context(String.join("\n", "FROM scratch",
        "ADD plain.tar /plain",
        "ADD app.tar.gz app.tar.bz2 /multi/",
        "ADD app.tar.xz /xz/",
        "ADD app.tar.zst /zst",
        "ADD notes.txt.gz /notes/",
        "ADD --unpack=false app.tar.gz /kept/",
        "ADD --chown=7:8 app.tar.zst /chowned", ""));
    Path tree = tree(tmp.resolve("local-tree-" + System.nanoTime()));
    run("tar", "--numeric-owner", "-C", tree.toString(), "-cf", ctx.resolve("plain.tar").toString(), ".");
    for (String c : List.of("gz:gzip", "bz2:bzip2", "xz:xz", "zst:zstd")) {
      String[] ext = c.split(":");
      run("tar", "--use-compress-program=" + ext[1], "--numeric-owner", "-C", tree.toString(), "-cf",
          ctx.resolve("app.tar." + ext[0]).toString(), ".");
    }
    Files.writeString(ctx.resolve("notes.txt"), "not a tar\n");
    run("gzip", "-k", ctx.resolve("notes.txt").toString());

    JsonNode files = build(ctx);
    for (String dir : List.of("/plain", "/multi", "/xz", "/zst")) {
      JsonNode conf = files.get(dir + "/etc/app/conf");
      assertThat(conf).as(dir + "/etc/app/conf in " + files.fieldNames()).isNotNull();
      assertThat(conf.get("mode").asText()).isEqualTo("0o640");
      assertThat(conf.get("uid").asInt()).as("the archive's owner").isEqualTo(1000);
      assertThat(conf.get("sha256").asText()).isEqualTo(sha256("key=value\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(files.get(dir + "/run.sh").get("mode").asText()).isEqualTo("0o4755");
      assertThat(files.get(dir + "/etc/app/link").get("link").asText()).isEqualTo("conf");
    }
    assertThat(files.get("/notes/notes.txt.gz").get("type").asText()).as("a gzip that is not a tar: copied")
        .isEqualTo("file");
    assertThat(files.has("/notes/notes.txt")).isFalse();
    assertThat(files.get("/kept/app.tar.gz").get("sha256").asText())
        .isEqualTo(sha256(Files.readAllBytes(ctx.resolve("app.tar.gz"))));
    assertThat(files.get("/chowned/etc/app/conf").get("uid").asInt()).as("--chown replaces the archive's owner")
        .isEqualTo(7);
    assertThat(files.get("/chowned/run.sh").get("gid").asInt()).isEqualTo(8);
  }

  @Test
  void aUrlIsDownloadedAsBuildKitNamesAndStampsIt() throws Exception {
    Path ctx = context(String.join("\n", "FROM scratch",
        "ADD " + url("/dl/tool.sh") + " /bin/",
        "ADD --chmod=0755 --chown=10:20 " + url("/dl/tool.sh?x=1") + " /usr/local/bin/tool",
        "ADD --checksum=sha256:" + sha256(TOOL.getBytes(StandardCharsets.UTF_8)) + " " + url("/dl/tool.sh")
            + " /checked/",
        "ADD " + url("/dl/app.tar.gz") + " /remote/",
        "ADD --unpack=true " + url("/dl/app.tar.gz") + " /unpacked/", ""));
    JsonNode files = build(ctx, "--mtime");
    JsonNode tool = files.get("/bin/tool.sh");
    assertThat(tool.get("mode").asText()).isEqualTo("0o600");
    assertThat(tool.get("uid").asInt()).isZero();
    assertThat(tool.get("sha256").asText()).isEqualTo(sha256(TOOL.getBytes(StandardCharsets.UTF_8)));
    assertThat(tool.get("mtime").asLong()).as("Last-Modified").isEqualTo(LAST_MODIFIED_EPOCH);
    JsonNode installed = files.get("/usr/local/bin/tool");
    assertThat(installed.get("mode").asText()).isEqualTo("0o755");
    assertThat(installed.get("uid").asInt() + ":" + installed.get("gid").asInt()).isEqualTo("10:20");
    assertThat(files.has("/checked/tool.sh")).isTrue();
    assertThat(files.get("/remote/app.tar.gz").get("mtime").asLong()).as("no Last-Modified: the epoch").isZero();
    assertThat(files.get("/remote/app.tar.gz").get("sha256").asText()).as("a remote archive stays packed")
        .isEqualTo(sha256(archiveBody));
    assertThat(files.get("/unpacked/etc/app/conf").get("uid").asInt()).isEqualTo(1000);
  }

  @Test
  void aWrongChecksumOrABadStatusFailsAtTheAddLine() throws Exception {
    String wrong = "sha256:" + "0".repeat(64);
    Path ctx = context("FROM scratch\nCOPY Dockerfile /\nADD --checksum=" + wrong + " " + url("/dl/tool.sh") + " /x\n");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", ".");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Dockerfile:3").contains("digest mismatch")
        .contains("expected: " + wrong);

    Path gone = context("FROM scratch\n\nADD " + url("/gone") + " /x\n");
    r = JbuildCli.run(daemon.address(), gone, "build", ".");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Dockerfile:3").contains("invalid response status 404");
  }

  @Test
  void aGitUrlIsNotSupportedYet() throws Exception {
    Path ctx = context("FROM scratch\nADD https://example.invalid/repo.git /src\n");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", ".");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Dockerfile:2").contains("git sources are not supported yet");
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
  }
}

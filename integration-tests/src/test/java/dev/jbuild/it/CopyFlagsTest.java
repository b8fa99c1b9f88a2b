package dev.jbuild.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.it.ImgDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY's flags end to end, FROM scratch: --exclude, --parents (the Dockerfile reference's examples), --link,
 * heredocs, and symlinks in sources and destinations resolved inside the image's tree, as BuildKit resolves them.
 */
class CopyFlagsTest {
  @TempDir
  static Path tmp;
  static JbuildDaemon daemon;

  @BeforeAll
  static void start() throws Exception {
    daemon = JbuildDaemon.start(tmp.resolve("root"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** x/a.txt x/y/a.txt x/y/b.txt y/a.txt home.txt home.md, as in the reference's examples. */
  private static Path context(String dockerfile) throws Exception {
    Path ctx = Files.createTempDirectory(tmp, "ctx");
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    for (String f : List.of("x/a.txt", "x/y/a.txt", "x/y/b.txt", "y/a.txt", "home.txt", "home.md")) {
      Files.createDirectories(ctx.resolve(f).getParent());
      Files.writeString(ctx.resolve(f), f + "\n");
    }
    return ctx;
  }

  private static JsonNode files(Path ctx) throws Exception {
    Path out = Files.createTempFile(tmp, "image", ".tar");
    JbuildCli.Result r = JbuildCli.run(daemon.address(), ctx, "build", "--output", "type=oci,dest=" + out, ".");
    assertThat(r.exitCode()).as("%s\n--- daemon log\n%s", r.describe(), daemon.logTail()).isZero();
    return new ObjectMapper().readTree(ImgDump.locate().summarizeOci(out, "--content")).get("files");
  }

  private static List<String> under(JsonNode files, String prefix) {
    List<String> out = new ArrayList<>();
    files.fieldNames().forEachRemaining(p -> {
      if (p.startsWith(prefix)) {
        out.add(p);
      }
    });
    return out;
  }

  @Test
  void parentsKeepTheSourcesDirectories() throws Exception {
    JsonNode files = files(context(String.join("\n", "FROM scratch",
        "COPY ./x/a.txt ./y/a.txt /no_parents/",
        "COPY --parents ./x/a.txt ./y/a.txt /parents/",
        "COPY --parents ./x/./y/*.txt /pivot/",
        "COPY --parents x/**/b.txt /deep/", "")));
    assertThat(under(files, "/no_parents/")).containsExactly("/no_parents/a.txt");
    assertThat(files.get("/no_parents/a.txt").get("text").asText()).as("the later source wins").isEqualTo("y/a.txt\n");
    assertThat(under(files, "/parents/")).containsExactlyInAnyOrder("/parents/x", "/parents/x/a.txt", "/parents/y",
        "/parents/y/a.txt");
    assertThat(under(files, "/pivot/")).containsExactlyInAnyOrder("/pivot/y", "/pivot/y/a.txt", "/pivot/y/b.txt");
    assertThat(under(files, "/deep/")).containsExactlyInAnyOrder("/deep/x", "/deep/x/y", "/deep/x/y/b.txt");
  }

  @Test
  void excludeLeavesOutMatchesOfTheSourcesAndWhatTheyHold() throws Exception {
    JsonNode files = files(context(String.join("\n", "FROM scratch",
        "COPY --exclude=*.txt hom* /mydir/",
        "COPY --exclude=y --exclude=**/b.txt x /x/",
        "ADD --exclude=*.md . /all/", "")));
    assertThat(under(files, "/mydir/")).containsExactly("/mydir/home.md");
    assertThat(under(files, "/x/")).containsExactlyInAnyOrder("/x/a.txt");
    assertThat(files.has("/all/home.md")).isFalse();
    assertThat(files.has("/all/x/y/b.txt")).isTrue();
  }

  @Test
  void linkLaysTheCopyOverTheStageAndReplacesASymlinkOnItsPath() throws Exception {
    Path ctx = context(String.join("\n", "FROM scratch",
        "COPY root/ /",
        "COPY home.txt /lib/followed.txt",
        "COPY --link home.md /lib/linked.md",
        "COPY --link y /usr/lib/", ""));
    Files.createDirectories(ctx.resolve("root/usr/lib"));
    Files.writeString(ctx.resolve("root/usr/lib/libc.so"), "libc\n");
    Files.createSymbolicLink(ctx.resolve("root/lib"), Path.of("usr/lib"));
    JsonNode files = files(ctx);
    assertThat(files.get("/usr/lib/followed.txt")).as("without --link, the symlink /lib is followed").isNotNull();
    assertThat(files.get("/lib").get("type").asText()).as("--link: a directory replaces the symlink (BuildKit)")
        .isEqualTo("dir");
    assertThat(under(files, "/lib/")).containsExactly("/lib/linked.md");
    assertThat(under(files, "/usr/lib/")).containsExactlyInAnyOrder("/usr/lib/libc.so", "/usr/lib/followed.txt",
        "/usr/lib/a.txt");
  }

  @Test
  void symlinksResolveInsideTheImageTree() throws Exception {
    Path ctx = context(String.join("\n", "FROM scratch AS links",
        "COPY links/ /",
        "COPY home.txt /etc/target.txt",
        "FROM scratch",
        "COPY links/ /",
        "COPY home.txt /escape/tmp/landed.txt",
        "COPY --from=links /abs /copied-through-abs", ""));
    Files.createDirectories(ctx.resolve("links"));
    Files.createSymbolicLink(ctx.resolve("links/escape"), Path.of("/"));
    Files.createSymbolicLink(ctx.resolve("links/abs"), Path.of("/etc/target.txt"));
    JsonNode files = files(ctx);
    assertThat(files.get("/tmp/landed.txt")).as("a destination through a symlink to / stays in the image")
        .isNotNull();
    assertThat(files.get("/copied-through-abs").get("text").asText())
        .as("an absolute symlink source is resolved in the stage's tree, not the host's").isEqualTo("home.txt\n");
  }

  @Test
  void heredocsBecomeFilesWithChmodAndChown() throws Exception {
    JsonNode files = files(context(String.join("\n", "FROM scratch",
        "ARG GREETING=hello",
        "COPY --chmod=0755 --chown=1:2 <<EOF /usr/bin/greet",
        "#!/bin/sh",
        "echo $GREETING",
        "EOF",
        "ADD <<one.txt <<two.txt /docs/",
        "first",
        "one.txt",
        "second",
        "two.txt", "")));
    JsonNode greet = files.get("/usr/bin/greet");
    assertThat(greet.get("text").asText()).isEqualTo("#!/bin/sh\necho hello\n");
    assertThat(greet.get("mode").asText()).isEqualTo("0o755");
    assertThat(greet.get("uid").asInt() + ":" + greet.get("gid").asInt()).isEqualTo("1:2");
    assertThat(files.get("/docs/one.txt").get("text").asText()).isEqualTo("first\n");
    assertThat(files.get("/docs/two.txt").get("text").asText()).isEqualTo("second\n");
  }
}

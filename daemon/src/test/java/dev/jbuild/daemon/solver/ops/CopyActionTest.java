package dev.jbuild.daemon.solver.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.diff.ApplyLimits;
import dev.jbuild.diff.ArchiveUnpacker;
import dev.jbuild.fs.FileMeta;
import dev.jbuild.proto.ops.FileCopy;
import dev.jbuild.proto.ops.Owner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY semantics on real directories, as BuildKit's copier behaves (see the buildah-derived conformance cases). */
class CopyActionTest {
  @TempDir
  Path src;
  @TempDir
  Path dest;

  @BeforeEach
  void context() throws Exception {
    Files.writeString(src.resolve("a.txt"), "a");
    Files.createDirectories(src.resolve("dir/sub"));
    Files.writeString(src.resolve("dir/sub/b.txt"), "b");
    Files.writeString(src.resolve("dir/c.txt"), "c");
    Files.createSymbolicLink(src.resolve("link"), Path.of("a.txt"));
    Files.createSymbolicLink(src.resolve("dir/inner-link"), Path.of("c.txt"));
    Files.createSymbolicLink(src.resolve("link-to-dir"), Path.of("dir"));
    Files.setAttribute(src.resolve("a.txt"), "unix:mode", 0640);
    Files.setAttribute(src.resolve("a.txt"), "unix:uid", 1234);
  }

  private static FileCopy.Builder copy(String from, String to) {
    return FileCopy.newBuilder().setSrc(from).setDest(to).setAllowWildcard(true).setDirCopyContents(true)
        .setFollowSymlinks(true).setCreateDestPath(true);
  }

  private void apply(FileCopy.Builder c, boolean fromClient) throws Exception {
    new CopyAction(c.build(), fromClient, new ArchiveUnpacker(ApplyLimits.DEFAULT)).apply(src, dest);
  }

  @Test
  void aFileToATrailingSlashLandsInsideAndParentsAreMade() throws Exception {
    apply(copy("/a.txt", "/x/y/"), true);
    FileMeta m = FileMeta.lstat(dest.resolve("x/y/a.txt"));
    assertThat(m.mode()).isEqualTo(0640);
    assertThat(m.uid()).as("files a client sent are root's unless --chown").isZero();
    assertThat(FileMeta.lstat(dest.resolve("x")).mode()).isEqualTo(0755);
  }

  @Test
  void aFileWithoutTrailingSlashIsRenamed() throws Exception {
    apply(copy("/a.txt", "/renamed"), true);
    assertThat(dest.resolve("renamed")).hasContent("a");
  }

  @Test
  void aDirectoryCopiesItsContentsNotItself() throws Exception {
    apply(copy("/dir", "/out"), true);
    assertThat(dest.resolve("out/c.txt")).hasContent("c");
    assertThat(dest.resolve("out/sub/b.txt")).hasContent("b");
    assertThat(dest.resolve("out/dir")).doesNotExist();
    assertThat(Files.readSymbolicLink(dest.resolve("out/inner-link"))).isEqualTo(Path.of("c.txt"));
  }

  @Test
  void aMissingDestinationOfADirectorysContentsIsMade0755NotTheSourcesMode() throws Exception {
    Files.setAttribute(src.resolve("dir"), "unix:mode", 0750);
    Files.setAttribute(src.resolve("dir/sub"), "unix:mode", 0700);
    apply(copy("/dir", "/new").setOwner(Owner.newBuilder().setUser("7").setGroup("8")).setMode(0600), true);
    FileMeta top = FileMeta.lstat(dest.resolve("new"));
    assertThat(top.mode()).as("BuildKit makes the destination before copying into it").isEqualTo(0755);
    assertThat(top.uid()).isEqualTo(7);
    assertThat(top.gid()).isEqualTo(8);
    assertThat(FileMeta.lstat(dest.resolve("new/sub")).mode()).as("--chmod applies inside").isEqualTo(0600);
    apply(copy("/link-to-dir", "/through-link"), true);
    assertThat(FileMeta.lstat(dest.resolve("through-link")).mode()).isEqualTo(0755);
    assertThat(FileMeta.lstat(dest.resolve("through-link/sub")).mode()).isEqualTo(0700);
  }

  @Test
  void aSymlinkNamedAsSourceIsFollowed() throws Exception {
    apply(copy("/link", "/copied"), true);
    assertThat(Files.isSymbolicLink(dest.resolve("copied"))).isFalse();
    assertThat(dest.resolve("copied")).hasContent("a");
  }

  @Test
  void wildcardsExpandInSortedOrder() throws Exception {
    apply(copy("/dir/*.txt", "/w/"), true);
    assertThat(dest.resolve("w/c.txt")).hasContent("c");
    assertThatThrownBy(() -> apply(copy("/*.nope", "/w/"), true))
        .isInstanceOf(StepException.class).hasMessageContaining("*.nope");
  }

  @Test
  void aMissingSourceIsNamed() {
    assertThatThrownBy(() -> apply(copy("/missing.txt", "/"), true))
        .isInstanceOf(StepException.class).hasMessage("\"/missing.txt\": not found");
  }

  @Test
  void chownAndChmodApplyToEverythingCopied() throws Exception {
    apply(copy("/dir", "/o").setOwner(Owner.newBuilder().setUser("42").setGroup("43")).setMode(0600), true);
    FileMeta c = FileMeta.lstat(dest.resolve("o/c.txt"));
    assertThat(c.uid()).isEqualTo(42);
    assertThat(c.gid()).isEqualTo(43);
    assertThat(c.mode()).isEqualTo(0600);
  }

  @Test
  void userNamesAreLookedUpInTheDestinationNotTheHost() throws Exception {
    // "daemon" is uid 1 on the host (Debian); the destination has no /etc/passwd: an unknown name is root, as
    // in BuildKit's FileOp
    apply(copy("/a.txt", "/unknown").setOwner(Owner.newBuilder().setUser("daemon")), true);
    assertThat(FileMeta.lstat(dest.resolve("unknown")).uid()).isZero();
    assertThat(FileMeta.lstat(dest.resolve("unknown")).gid()).isZero();
    Files.createDirectories(dest.resolve("etc"));
    Files.writeString(dest.resolve("etc/passwd"), "app:x:1001:1002::/home/app:/bin/sh\n");
    Files.writeString(dest.resolve("etc/group"), "staff:x:50:\n");
    apply(copy("/a.txt", "/").setOwner(Owner.newBuilder().setUser("app")), true);
    assertThat(FileMeta.lstat(dest.resolve("a.txt")).gid()).isEqualTo(1002);
    // an unknown user with a known group, a known user with an unknown group (keeps the user's primary gid)
    apply(copy("/a.txt", "/b").setOwner(Owner.newBuilder().setUser("nobody").setGroup("staff")), true);
    assertThat(List.of(FileMeta.lstat(dest.resolve("b")).uid(), FileMeta.lstat(dest.resolve("b")).gid()))
        .containsExactly(0, 50);
    apply(copy("/a.txt", "/c").setOwner(Owner.newBuilder().setUser("app").setGroup("nogroup")), true);
    assertThat(List.of(FileMeta.lstat(dest.resolve("c")).uid(), FileMeta.lstat(dest.resolve("c")).gid()))
        .containsExactly(1001, 1002);
  }

  @Test
  void copiesFromAStageKeepOwners() throws Exception {
    apply(copy("/a.txt", "/kept"), false);
    assertThat(FileMeta.lstat(dest.resolve("kept")).uid()).isEqualTo(1234);
  }

  @Test
  void aDestinationSymlinkIsResolvedInsideTheTree() throws Exception {
    Files.createSymbolicLink(dest.resolve("escape"), Path.of("/"));
    apply(copy("/a.txt", "/escape/tmp-copy-test"), true);
    assertThat(dest.resolve("tmp-copy-test")).hasContent("a");
    assertThat(Path.of("/tmp-copy-test")).doesNotExist();
  }

  @Test
  void mergingIntoAnExistingDirectoryKeepsItsOwner() throws Exception {
    Files.createDirectories(dest.resolve("merge"));
    Files.setAttribute(dest.resolve("merge"), "unix:uid", 99);
    apply(copy("/dir", "/merge").setOwner(Owner.newBuilder().setUser("7")), true);
    assertThat(FileMeta.lstat(dest.resolve("merge")).uid()).isEqualTo(99);
    assertThat(FileMeta.lstat(dest.resolve("merge/c.txt")).uid()).isEqualTo(7);
  }

  @Test
  void excludePatternsLeaveOutMatchesRelativeToTheSource() throws Exception {
    apply(copy("/dir", "/out").addExcludePatterns("sub").addExcludePatterns("*.txt")
        .addExcludePatterns("!c.txt"), true);
    assertThat(dest.resolve("out/sub")).doesNotExist();
    assertThat(dest.resolve("out/c.txt")).as("re-included by an exception").hasContent("c");
    assertThat(Files.isSymbolicLink(dest.resolve("out/inner-link"))).isTrue();
  }

  @Test
  void excludePatternsApplyToWhatAWildcardMatched() throws Exception {
    Files.writeString(src.resolve("home.txt"), "t");
    Files.writeString(src.resolve("home.md"), "m");
    apply(copy("/hom*", "/mydir/").addExcludePatterns("*.txt"), true);
    assertThat(dest.resolve("mydir/home.md")).hasContent("m");
    assertThat(dest.resolve("mydir/home.txt")).doesNotExist();
  }

  @Test
  void includePatternsKeepTheParentsOfWhatTheyMatch() throws Exception {
    Files.setAttribute(src.resolve("dir/sub"), "unix:mode", 0750);
    apply(copy("/", "/parents/").addIncludePatterns("dir/sub/*.txt"), true);
    assertThat(dest.resolve("parents/dir/sub/b.txt")).hasContent("b");
    assertThat(dest.resolve("parents/dir/c.txt")).doesNotExist();
    assertThat(dest.resolve("parents/a.txt")).doesNotExist();
    assertThat(FileMeta.lstat(dest.resolve("parents/dir/sub")).mode()).as("the source's mode").isEqualTo(0750);
  }

  @Test
  void includePatternsWithTwoStarsMatchAnyDepth() throws Exception {
    apply(copy("/", "/p/").addIncludePatterns("**/*.txt"), true);
    assertThat(dest.resolve("p/a.txt")).hasContent("a");
    assertThat(dest.resolve("p/dir/c.txt")).hasContent("c");
    assertThat(dest.resolve("p/dir/sub/b.txt")).hasContent("b");
    assertThat(dest.resolve("p/link")).doesNotExist();
  }

  @Test
  void aRequiredPathMustExist() {
    assertThatThrownBy(() -> apply(copy("/", "/p/").addIncludePatterns("nope/a.txt")
        .addRequiredPaths("/nope/a.txt"), true))
        .isInstanceOf(StepException.class).hasMessage("\"/nope/a.txt\": not found");
  }

  @Test
  void anArchiveIsUnpackedIntoTheDestinationWithItsOwnOwners() throws Exception {
    Path tree = Files.createDirectories(src.getParent().resolve(src.getFileName() + "-tree"));
    Files.createDirectories(tree.resolve("pkg"));
    Files.writeString(tree.resolve("pkg/file"), "packed");
    Files.setAttribute(tree.resolve("pkg/file"), "unix:uid", 1000);
    tar(tree, src.resolve("app.tar.xz"), "xz");
    apply(copy("/app.tar.xz", "/opt/app").setAttemptUnpack(true), true);
    assertThat(dest.resolve("opt/app/pkg/file")).hasContent("packed");
    assertThat(FileMeta.lstat(dest.resolve("opt/app/pkg/file")).uid()).isEqualTo(1000);
    apply(copy("/app.tar.xz", "/chowned/").setAttemptUnpack(true).setOwner(Owner.newBuilder().setUser("7")), true);
    assertThat(FileMeta.lstat(dest.resolve("chowned/pkg/file")).uid()).isEqualTo(7);
    apply(copy("/app.tar.xz", "/kept/"), true);
    assertThat(dest.resolve("kept/app.tar.xz")).as("without unpacking, the file itself").isRegularFile();
  }

  @Test
  void aFileThatIsNotAnArchiveIsCopiedAsItIs() throws Exception {
    apply(copy("/a.txt", "/x/").setAttemptUnpack(true), true);
    assertThat(dest.resolve("x/a.txt")).hasContent("a");
  }

  private static void tar(Path tree, Path out, String compressor) throws Exception {
    Process p = new ProcessBuilder("tar", "--use-compress-program=" + compressor, "--numeric-owner", "-C",
        tree.toString(), "-cf", out.toString(), ".").redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(log).isZero();
  }
}

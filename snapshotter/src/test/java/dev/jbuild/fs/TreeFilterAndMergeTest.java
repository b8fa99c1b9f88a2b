package dev.jbuild.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** copyTree with a filter (what COPY --exclude and --parents build on) and mergeTree (COPY --link). */
class TreeFilterAndMergeTest {
  @TempDir Path tmp;
  private Path src;
  private Path dst;

  @BeforeEach
  void tree() throws IOException {
    src = Files.createDirectories(tmp.resolve("src"));
    dst = Files.createDirectories(tmp.resolve("dst"));
    Files.createDirectories(src.resolve("a/b/c"));
    Files.createDirectories(src.resolve("empty"));
    Files.writeString(src.resolve("a/b/c/deep.txt"), "deep");
    Files.writeString(src.resolve("a/top.txt"), "top");
    Files.setAttribute(src.resolve("a/b"), "unix:mode", 0700);
  }

  @Test
  void skippedEntriesAndTheirSubtreesAreLeftOut() throws IOException {
    FsOps.copyTree(src, dst, Overrides.NONE,
        (path, dir) -> path.equals("a/b") ? CopyFilter.Decision.SKIP : CopyFilter.Decision.COPY);
    assertThat(dst.resolve("a/top.txt")).hasContent("top");
    assertThat(dst.resolve("a/b")).doesNotExist();
    assertThat(dst.resolve("empty")).isDirectory();
  }

  @Test
  void deferredDirectoriesAreMadeOnlyAboveSomethingCopied() throws IOException {
    FsOps.copyTree(src, dst, Overrides.chown(5, 6), (path, dir) -> path.equals("a/b/c/deep.txt")
        ? CopyFilter.Decision.COPY : dir ? CopyFilter.Decision.DEFER : CopyFilter.Decision.SKIP);
    assertThat(dst.resolve("a/b/c/deep.txt")).hasContent("deep");
    assertThat(dst.resolve("a/top.txt")).doesNotExist();
    assertThat(dst.resolve("empty")).as("nothing copied under it").doesNotExist();
    FileMeta b = FileMeta.lstat(dst.resolve("a/b"));
    assertThat(b.mode()).as("a deferred directory gets its source's metadata").isEqualTo(0700);
    assertThat(b.uid()).isEqualTo(5);
  }

  @Test
  void mergingReplacesConflictsAsALayerDoes() throws IOException {
    Files.writeString(dst.resolve("a"), "a file where src has a directory");
    Files.createDirectories(dst.resolve("x/old"));
    Files.writeString(dst.resolve("x/old/f"), "f");
    Files.writeString(src.resolve("x"), "a file where dst has a directory");
    Files.createDirectories(dst.resolve("empty"));
    Files.setAttribute(dst.resolve("empty"), "unix:mode", 0711);
    Files.createSymbolicLink(dst.resolve("escape"), tmp);
    Files.createDirectories(src.resolve("escape"));
    Files.writeString(src.resolve("escape/planted"), "p");

    FsOps.mergeTree(src, dst);

    assertThat(dst.resolve("a/b/c/deep.txt")).hasContent("deep");
    assertThat(dst.resolve("x")).hasContent("a file where dst has a directory");
    assertThat(FileMeta.lstat(dst.resolve("empty")).mode()).as("src's metadata wins").isEqualTo(0755);
    assertThat(Files.isSymbolicLink(dst.resolve("escape"))).isFalse();
    assertThat(dst.resolve("escape/planted")).hasContent("p");
    assertThat(tmp.resolve("planted")).as("the symlink was replaced, never followed").doesNotExist();
  }
}

package dev.jbuild.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.jbuild.fs.FileMeta;
import dev.jbuild.proto.control.ContextDone;
import dev.jbuild.proto.control.ContextPacket;
import dev.jbuild.proto.control.FileStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextReceiverTest {
  @TempDir
  Path target;

  private static ContextPacket stat(String path, int mode, long size, String link) {
    return ContextPacket.newBuilder().setStat(FileStat.newBuilder().setPath(path).setMode(mode).setSize(size)
        .setUid(5).setGid(6).setMtimeNanos(1_485_449_953_000_000_000L).setLinkname(link)).build();
  }

  private static ContextPacket data(String s) {
    return ContextPacket.newBuilder().setData(ByteString.copyFromUtf8(s)).build();
  }

  private static final ContextPacket DONE = ContextPacket.newBuilder().setDone(ContextDone.getDefaultInstance()).build();

  @Test
  void writesFilesDirectoriesAndSymlinksWithTheirMetadata() throws Exception {
    ContextReceiver r = new ContextReceiver(target);
    assertThat(r.accept(stat("d", 040700, 0, ""))).isFalse();
    r.accept(stat("d/f", 0104755, 5, ""));
    r.accept(data("he"));
    r.accept(data("llo"));
    r.accept(stat("l", 0120777, 0, "/etc/passwd"));
    assertThat(r.accept(DONE)).isTrue();
    assertThat(target.resolve("d/f")).hasContent("hello");
    FileMeta f = FileMeta.lstat(target.resolve("d/f"));
    assertThat(f.mode()).isEqualTo(04755);
    assertThat(f.uid()).isEqualTo(5);
    assertThat(FileMeta.lstat(target.resolve("d")).mode()).isEqualTo(0700);
    assertThat(FileMeta.lstat(target.resolve("d")).mtime().getEpochSecond()).isEqualTo(1_485_449_953L);
    assertThat(Files.readSymbolicLink(target.resolve("l"))).isEqualTo(Path.of("/etc/passwd"));
    assertThat(r.files()).isEqualTo(2);
    assertThat(r.bytes()).isEqualTo(5);
  }

  @Test
  void pathsThatLeaveTheTargetAreRefused() {
    for (String bad : new String[] {"../x", "/etc/x", "a/../../x", "", "a//b", "./a"}) {
      ContextReceiver r = new ContextReceiver(target);
      assertThatThrownBy(() -> r.accept(stat(bad, 0100644, 0, ""))).as(bad).isInstanceOf(IOException.class);
    }
  }

  @Test
  void nothingCanBeWrittenThroughASymlink() throws Exception {
    ContextReceiver r = new ContextReceiver(target);
    r.accept(stat("root", 0120777, 0, "/"));
    assertThatThrownBy(() -> r.accept(stat("root/tmp/evil", 0100644, 0, "")))
        .isInstanceOf(IOException.class).hasMessageContaining("before its directory");
    assertThat(Path.of("/tmp/evil")).doesNotExist();
  }

  @Test
  void aFileSentOverASymlinkIsNeverWrittenThroughIt(@TempDir Path outside) throws Exception {
    Path victim = outside.resolve("victim");
    Files.writeString(victim, "original");
    ContextReceiver r = new ContextReceiver(target);
    r.accept(stat("l", 0120777, 0, victim.toString()));
    assertThatThrownBy(() -> r.accept(stat("l", 0100644, 5, ""))).isInstanceOf(IOException.class)
        .hasMessageContaining("sent twice");
    assertThat(victim).hasContent("original");
  }

  @Test
  void moreDataThanTheFileSizeIsRefused() throws Exception {
    ContextReceiver r = new ContextReceiver(target);
    r.accept(stat("f", 0100644, 2, ""));
    assertThatThrownBy(() -> r.accept(data("toolong"))).isInstanceOf(IOException.class);
  }

  @Test
  void aShortFileIsRefusedAtTheNextEntry() throws Exception {
    ContextReceiver r = new ContextReceiver(target);
    r.accept(stat("f", 0100644, 10, ""));
    r.accept(data("abc"));
    assertThatThrownBy(() -> r.accept(DONE)).isInstanceOf(IOException.class).hasMessageContaining("short");
  }
}

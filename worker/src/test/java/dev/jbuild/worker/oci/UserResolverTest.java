package dev.jbuild.worker.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.fs.LinuxCalls;
import dev.jbuild.worker.ProcessStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
  @TempDir
  Path tmp;

  private Path root;

  @BeforeEach
  void image() throws IOException {
    root = Files.createDirectories(tmp.resolve("rootfs"));
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n"
        + "# not a user line\n"
        + "broken:x:notanumber:1::/:/bin/sh\n"
        + "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n"
        + "\n"
        + "bob:x:1001:1001::/home/bob:/bin/sh\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\n"
        + "audio:x:29:alice\n"
        + "video:x:44:bob,alice\n"
        + "staff:x:50:bob\n"
        + "alice:x:1000:\n");
  }

  private ExecUser resolve(String user) throws IOException {
    return UserResolver.resolve(root, user);
  }

  @Test
  void emptyMeansRootWithoutSupplementaryGroups() throws IOException {
    assertThat(resolve("")).isEqualTo(new ExecUser(0, 0, List.of()));
  }

  @Test
  void aNameGetsItsIdsAndTheGroupsThatListIt() throws IOException {
    assertThat(resolve("alice")).isEqualTo(new ExecUser(1000, 1000, List.of(29L, 44L)));
    assertThat(resolve("bob")).isEqualTo(new ExecUser(1001, 1001, List.of(44L, 50L)));
  }

  @Test
  void aUidWithAnEntryIsThatUser() throws IOException {
    assertThat(resolve("1000")).isEqualTo(new ExecUser(1000, 1000, List.of(29L, 44L)));
  }

  @Test
  void aUidWithoutAnEntryIsUsedWithGroupZero() throws IOException {
    assertThat(resolve("4242")).isEqualTo(new ExecUser(4242, 0, List.of()));
  }

  @Test
  void uidColonGidIsTakenAsItIsWithoutReadingFiles() throws IOException {
    assertThat(resolve("1000:1000")).isEqualTo(new ExecUser(1000, 1000, List.of()));
    assertThat(resolve("root:root")).isEqualTo(new ExecUser(0, 0, List.of()));
    assertThat(UserResolver.resolve(tmp.resolve("no-such-rootfs"), "7:8")).isEqualTo(new ExecUser(7, 8, List.of()));
  }

  @Test
  void anExplicitGroupReplacesThePrimaryOneAndDropsSupplementaryGroups() throws IOException {
    assertThat(resolve("alice:video")).isEqualTo(new ExecUser(1000, 44, List.of()));
    assertThat(resolve("alice:777")).isEqualTo(new ExecUser(1000, 777, List.of()));
    assertThat(resolve("1001:staff")).isEqualTo(new ExecUser(1001, 50, List.of()));
  }

  @Test
  void unknownNamesAreErrorsAsRuncWordsThem() {
    assertThatThrownBy(() -> resolve("mallory")).isInstanceOf(ProcessStartException.class)
        .hasMessage("unable to find user mallory: no matching entries in passwd file");
    assertThatThrownBy(() -> resolve("alice:wheel")).isInstanceOf(ProcessStartException.class)
        .hasMessage("unable to find group wheel: no matching entries in group file");
  }

  @Test
  void idsBeyondRuncsRangeAreRefused() {
    assertThatThrownBy(() -> resolve("4294967296")).isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("uid 4294967296 is out of range");
    assertThatThrownBy(() -> resolve("1:99999999999")).isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("gid 99999999999 is out of range");
  }

  @Test
  void withoutPasswdANameIsUnknownAndANumberIsFine() throws IOException {
    Files.delete(root.resolve("etc/passwd"));

    assertThatThrownBy(() -> resolve("alice")).hasMessageContaining("unable to find user alice");
    assertThat(resolve("55")).isEqualTo(new ExecUser(55, 0, List.of()));
  }

  @Test
  void aSymlinkedPasswdIsFollowedInsideTheRootfsNeverOutOfIt() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("passwd"), "alice:x:7:7::/:/bin/sh\n");
    Files.delete(root.resolve("etc/passwd"));
    Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("../../outside/passwd"));

    assertThatThrownBy(() -> resolve("alice")).as("the host's file is never read")
        .hasMessageContaining("unable to find user alice");

    Files.createDirectories(root.resolve("outside"));
    Files.writeString(root.resolve("outside/passwd"), "alice:x:8:8::/:/bin/sh\n");
    assertThat(resolve("alice").uid()).as("the image's own file at the link's target").isEqualTo(8);
  }

  @Test
  void aPasswdThatIsNotARegularFileReadsAsMissing() throws IOException {
    Files.delete(root.resolve("etc/passwd"));
    LinuxCalls.mknod(root.resolve("etc/passwd"), 0010000, 0644, 0, 0); // a fifo: opening it would block

    assertThatThrownBy(() -> resolve("alice")).hasMessageContaining("unable to find user alice");
  }
}

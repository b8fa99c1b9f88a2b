package dev.jbuild.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.client.credentials.DockerCredentials;
import dev.jbuild.client.daemon.DaemonAddress;
import dev.jbuild.client.daemon.DaemonConnection;
import dev.jbuild.client.progress.ProgressMode;
import dev.jbuild.client.testing.FakeDaemonForTest;
import dev.jbuild.proto.control.BuildRequest;
import dev.jbuild.proto.control.ClientMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's credentials requests answered over a real socket from the user's own docker config. */
class CredentialsAnswerTest {
  @TempDir
  Path tmp;
  private FakeDaemonForTest daemon;

  @BeforeEach
  void setUp() throws Exception {
    daemon = new FakeDaemonForTest(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    daemon.close();
  }

  private ClientMessage answerFor(String host, String configJson) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("docker"));
    Files.writeString(dir.resolve("config.json"), configJson);
    daemon.script.askCredentialsFor = host;
    try (DaemonConnection c = DaemonConnection.open(DaemonAddress.parse(daemon.address()))) {
      BuildSession session = new BuildSession(BuildRequest.getDefaultInstance(), tmp,
          ProgressMode.PLAIN.newRenderer(new PrintStream(new ByteArrayOutputStream(), true), ProgressMode.Clock.SYSTEM),
          new OutputWriters(List.of(), new ByteArrayOutputStream()),
          DockerCredentials.of(Map.of("DOCKER_CONFIG", dir.toString()), tmp));
      session.start(c.async());
      session.await();
    }
    return daemon.credentialsAnswer.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theClientAnswersWithItsLoginForTheRegistry() throws Exception {
    String auth = Base64.getEncoder().encodeToString("bob:s3cret".getBytes(StandardCharsets.UTF_8));
    ClientMessage m = answerFor("127.0.0.1:5000", "{\"auths\": {\"127.0.0.1:5000\": {\"auth\": \"" + auth + "\"}}}");
    assertThat(m.getCredentials().getRequestId()).isEqualTo("cred-1");
    assertThat(m.getCredentials().getUsername()).isEqualTo("bob");
    assertThat(m.getCredentials().getSecret()).isEqualTo("s3cret");
  }

  @Test
  void noLoginIsAnEmptyAnswer() throws Exception {
    ClientMessage m = answerFor("ghcr.io", "{\"auths\": {}}");
    assertThat(m.hasCredentials()).isTrue();
    assertThat(m.getCredentials().getUsername()).isEmpty();
    assertThat(m.getCredentials().getSecret()).isEmpty();
  }

  @Test
  void aBrokenConfigIsASessionErrorNamingTheFile() throws Exception {
    ClientMessage m = answerFor("ghcr.io", "{\"auths\": ");
    assertThat(m.getSessionError().getRequestId()).isEqualTo("cred-1");
    assertThat(m.getSessionError().getMessage()).startsWith(tmp.resolve("docker/config.json") + ":1: invalid JSON");
  }
}

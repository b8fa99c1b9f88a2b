package dev.jbuild.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.session.RegistryCredential;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When the client is asked for credentials and what the user reads when they do not do: driven by a registry
 * double that accepts one login (or none) and a client double that counts the questions.
 */
class CredentialsOnDemandTest {
  private static final ImageRef IMAGE = ImageRef.parse("127.0.0.1:5000/x:1");
  private static final RegistryCredential BOB = new RegistryCredential("bob", "s3cret", "");

  /** The client side: answers from a map, counts the questions, keeps answers per host as a session does. */
  private static final class ClientForTest implements RegistryCredentials {
    final Map<String, RegistryCredential> logins = new HashMap<>();
    final Map<String, Optional<RegistryCredential>> answered = new HashMap<>();
    int asked;
    IOException failure;

    @Override
    public Optional<RegistryCredential> forHost(String host) throws IOException {
      asked++;
      if (failure != null) {
        throw failure;
      }
      Optional<RegistryCredential> answer = Optional.ofNullable(logins.get(host));
      answered.put(host, answer);
      return answer;
    }

    @Override
    public Optional<RegistryCredential> given(String host) {
      return answered.getOrDefault(host, Optional.empty());
    }
  }

  /** The registry side: records each attempt's login; refuses anonymous ones when {@code required}. */
  private static final class RegistryForTest implements CredentialsOnDemand.Attempt<String> {
    final List<String> attempts = new ArrayList<>();
    boolean required = true;
    RegistryRefusedException.Reason anonymousRefusal = RegistryRefusedException.Reason.AUTHENTICATION;

    @Override
    public String run(Optional<RegistryCredential> credential) throws RegistryException {
      attempts.add(credential.map(RegistryCredential::username).orElse("anonymous"));
      if (credential.isEmpty()) {
        if (required) {
          throw new RegistryRefusedException(anonymousRefusal, "401", null);
        }
        return "manifest";
      }
      if (!credential.get().equals(BOB)) {
        throw new RegistryRefusedException(RegistryRefusedException.Reason.AUTHENTICATION, "401", null);
      }
      return "manifest";
    }
  }

  private final ClientForTest client = new ClientForTest();
  private final RegistryForTest registry = new RegistryForTest();

  @Test
  void anOpenRegistryNeverMakesTheDaemonAskTheClient() throws Exception {
    registry.required = false;
    assertThat(CredentialsOnDemand.run(IMAGE, client, registry)).isEqualTo("manifest");
    assertThat(client.asked).isZero();
    assertThat(registry.attempts).containsExactly("anonymous");
  }

  @Test
  void aRefusedRequestIsMadeAgainWithTheClientsLoginAndLaterOnesCarryItAtOnce() throws Exception {
    client.logins.put("127.0.0.1:5000", BOB);

    assertThat(CredentialsOnDemand.run(IMAGE, client, registry)).isEqualTo("manifest");
    assertThat(CredentialsOnDemand.run(IMAGE, client, registry)).isEqualTo("manifest");

    assertThat(client.asked).isEqualTo(1);
    assertThat(registry.attempts).containsExactly("anonymous", "bob", "bob");
  }

  @Test
  void noLoginOnTheClientNamesTheRegistryAndHowToLogIn() {
    assertThatThrownBy(() -> CredentialsOnDemand.run(IMAGE, client, registry))
        .isInstanceOf(RegistryException.class).isNotInstanceOf(RegistryRefusedException.class)
        .hasMessage("registry 127.0.0.1:5000 requires credentials for x and the client has none"
            + " (docker login 127.0.0.1:5000)");
  }

  @Test
  void anonymousAccessRefusedToARepositoryMayAlsoMeanItDoesNotExist() {
    registry.anonymousRefusal = RegistryRefusedException.Reason.ACCESS;
    ImageRef hub = ImageRef.parse("private/app");
    assertThatThrownBy(() -> CredentialsOnDemand.run(hub, client, registry))
        .hasMessage("registry docker.io refused anonymous access to private/app: the image does not exist,"
            + " or it needs credentials and the client has none (docker login)");
  }

  @Test
  void aWrongPasswordNamesTheRegistryAndTheUser() {
    client.logins.put("127.0.0.1:5000", new RegistryCredential("bob", "wrong", ""));
    assertThatThrownBy(() -> CredentialsOnDemand.run(IMAGE, client, registry))
        .isInstanceOf(RegistryException.class).isNotInstanceOf(RegistryRefusedException.class)
        .hasMessage("127.0.0.1:5000: authentication failed for user \"bob\" (registry refused the credentials)");
    assertThat(registry.attempts).containsExactly("anonymous", "bob");
  }

  @Test
  void aClientThatCannotReadItsConfigIsQuoted() {
    client.failure = new IOException("/home/u/.docker/config.json:3: Unexpected character");
    assertThatThrownBy(() -> CredentialsOnDemand.run(IMAGE, client, registry))
        .hasMessage("registry 127.0.0.1:5000 requires credentials for x, but the client could not give them:"
            + " /home/u/.docker/config.json:3: Unexpected character");
  }

  @Test
  void theCredentialNeverShowsItsSecretInText() {
    assertThat(BOB.toString()).doesNotContain("s3cret").contains("bob");
    assertThat(new RegistryCredential("", "", "tok-123").toString()).doesNotContain("tok-123");
  }
}

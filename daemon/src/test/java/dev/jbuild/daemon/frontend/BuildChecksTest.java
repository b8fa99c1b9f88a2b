package dev.jbuild.daemon.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.session.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BuildKit's FromAsCasing and UndefinedVar checks, and the {@code # check=} directive over them. */
class BuildChecksTest {
  private final DockerfileFrontend frontend = new DockerfileFrontend(new NoRegistryImageMetaResolver());

  private List<FrontendWarning> warnings(String df) throws Exception {
    return frontend.convert(new ConvertRequest("Dockerfile", df.getBytes(StandardCharsets.UTF_8), List.of(), "",
        false, List.of(), RegistryCredentials.ANONYMOUS)).warnings();
  }

  private static final String BOTH = """
      FROM scratch as base
      ENV APP_HOME=/app
      LABEL home=$APP_HOM ok=${APP_HOME}
      from base AS final
      LABEL x=$NOPE
      """;

  @Test
  void mismatchedAsCasingAndUndefinedVariablesWarnWithBuildKitsMessages() throws Exception {
    assertThat(warnings(BOTH)).containsExactlyInAnyOrder(
        new FrontendWarning("FromAsCasing: 'as' and 'FROM' keywords' casing do not match", "Dockerfile", 1),
        new FrontendWarning("FromAsCasing: 'AS' and 'from' keywords' casing do not match", "Dockerfile", 4),
        new FrontendWarning("UndefinedVar: Usage of undefined variable '$APP_HOM' (did you mean $APP_HOME?)",
            "Dockerfile", 3),
        new FrontendWarning("UndefinedVar: Usage of undefined variable '$NOPE'", "Dockerfile", 5));
  }

  @Test
  void consistentCasingAndDeclaredArgsSayNothing() throws Exception {
    assertThat(warnings("FROM scratch AS a\nARG V\nLABEL v=$V\nfrom a as b\n")).isEmpty();
  }

  @Test
  void checkSkipSilencesTheNamedRulesOrAll() throws Exception {
    assertThat(warnings("# check=skip=UndefinedVar\n" + BOTH)).extracting(FrontendWarning::message)
        .allMatch(m -> m.startsWith("FromAsCasing:")).hasSize(2);
    assertThat(warnings("# check=skip=all\n" + BOTH)).isEmpty();
  }

  @Test
  void checkErrorTurnsAViolationIntoAnErrorAtItsLine() {
    assertThatThrownBy(() -> warnings("# check=error=true\nFROM scratch\nLABEL a=$MISSING\n"))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("Dockerfile:3: lint violation found for rules: UndefinedVar");
    assertThatThrownBy(() -> warnings("# check=skip=UndefinedVar;error=true\n" + BOTH))
        .hasMessage("Dockerfile:2: lint violation found for rules: FromAsCasing");
  }

  @Test
  void aSkippedRuleDoesNotFailAnErrorBuild() throws Exception {
    assertThat(warnings("# check=skip=UndefinedVar,FromAsCasing;error=true\n" + BOTH)).isEmpty();
  }
}

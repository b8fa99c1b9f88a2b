package dev.jbuild.daemon.frontend;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each bad Dockerfile gives one message, with the user's file name and the instruction's line. */
class DockerfileErrorsTest {
  private final DockerfileFrontend frontend = new DockerfileFrontend(new NoRegistryImageMetaResolver());

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "FROM scratch\\nFOOBAR bar | build/Dockerfile.dev:2: unknown instruction: FOOBAR",
      "FROM scratch\\nCOPPY a b | build/Dockerfile.dev:2: unknown instruction: COPPY (did you mean COPY?)",
      "FROM scratch\\n\\nCOPY --bogus a b | build/Dockerfile.dev:3: unknown flag: --bogus",
      "FROM scratch\\nCOPY ../etc/passwd a/../../x /d/ | build/Dockerfile.dev:2: COPY ../etc/passwd: forbidden path outside the build context",
      "FROM scratch\\nCOPY a | build/Dockerfile.dev:2: COPY requires at least two arguments, but only one was provided. Destination could not be determined",
      "FROM scratch\\nWORKDIR | build/Dockerfile.dev:2: WORKDIR requires exactly one argument",
      "FROM scratch\\nENV | build/Dockerfile.dev:2: ENV requires at least one argument",
      "FROM scratch\\nEXPOSE | build/Dockerfile.dev:2: EXPOSE requires at least one argument",
      "FROM a b | build/Dockerfile.dev:1: FROM requires either one or three arguments",
      "FROM scratch AS 1x | build/Dockerfile.dev:1: invalid name for build stage: \"1x\", name can't start with a number or contain symbols",
      "FROM scratch\\nRUN \\\\\\n  echo hi | build/Dockerfile.dev:2: RUN is not supported yet",
      "FROM scratch\\nADD a b | build/Dockerfile.dev:2: ADD is not supported yet",
      "FROM scratch\\nHEALTHCHECK NONE | build/Dockerfile.dev:2: HEALTHCHECK is not supported yet",
      "FROM alpine | build/Dockerfile.dev:1: FROM alpine: base images from a registry are not supported yet",
      "FROM scratch\\nCOPY --from=alpine /x /y | build/Dockerfile.dev:2: COPY --from=alpine: base images from a registry are not supported yet",
      "FROM --platform=linux/arm64 scratch | build/Dockerfile.dev:1: FROM --platform is not supported yet",
      "FROM scratch\\nCOPY --link a b | build/Dockerfile.dev:2: COPY --link is not supported yet",
      "FROM scratch\\nCOPY --chmod=999 a b | build/Dockerfile.dev:2: invalid chmod parameter: '999'. it should be octal string and between 0 and 07777",
      "FROM scratch\\nSHELL /bin/sh | build/Dockerfile.dev:2: SHELL requires the arguments to be in JSON form",
      "FROM scratch\\nSTOPSIGNAL SIGBOGUS | build/Dockerfile.dev:2: Invalid signal: SIGBOGUS",
      "FROM scratch\\nCMD [\"a\", 1] | build/Dockerfile.dev:2: when using JSON array syntax, arrays must be comprised of strings only",
      "ENV A=b\\nFROM scratch | build/Dockerfile.dev:1: no build stage in current context: ENV must come after a FROM (only ARG can come before the first FROM)",
      "# just a comment | build/Dockerfile.dev: file with no instructions",
      "FROM scratch AS a\\nCOPY --from=b /x /y\\nFROM scratch AS b\\nCOPY --from=a /x /y | build/Dockerfile.dev:4: circular dependency detected on stage: a",
      "FROM scratch AS a\\nCOPY --from=b /x /y\\nFROM scratch AS b\\nFROM scratch\\nCOPY --from=a /x /y | build/Dockerfile.dev:2: cannot copy from stage \"b\", it needs to be defined before current stage \"a\"",
      "FROM scratch\\nCOPY --from=3 /x /y | build/Dockerfile.dev:2: invalid stage index 3",
      "FROM later\\nFROM scratch AS later | build/Dockerfile.dev:1: FROM later: stage \"later\" is defined later (line 2); a stage can only build on an earlier one",
      "FROM scratch\\nENV A=${B | build/Dockerfile.dev:2: failed to process \"${B\": syntax error: missing '}'",
  })
  void reportsFileLineAndMessage(String dockerfile, String message) {
    assertThatThrownBy(() -> convert(dockerfile.replace("\\n", "\n").replace("\\\\", "\\"), ""))
        .isInstanceOf(DockerfileException.class).hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "bulder | build/Dockerfile.dev: target stage \"bulder\" could not be found (did you mean builder?) (stages: builder, app)",
      "nothing | build/Dockerfile.dev: target stage \"nothing\" could not be found (stages: builder, app)",
  })
  void unknownTargetSuggestsAStage(String target, String message) {
    String df = "FROM scratch AS builder\nFROM scratch AS app\n";
    assertThatThrownBy(() -> convert(df, target)).hasMessage(message);
  }

  private void convert(String dockerfile, String target) throws DockerfileException {
    frontend.convert(new ConvertRequest("build/Dockerfile.dev", dockerfile.getBytes(StandardCharsets.UTF_8),
        List.of(), target, false, List.of()));
  }
}

package dev.jbuild.daemon.frontend;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.daemon.session.RegistryCredentials;
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
      "FROM scratch\\nADD https://example.com/app.git /src | build/Dockerfile.dev:2: ADD https://example.com/app.git: git sources are not supported yet",
      "FROM scratch\\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 a b | build/Dockerfile.dev:2: checksum requires HTTP(S) or Git sources",
      "FROM scratch\\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://e.test/a https://e.test/b /d/ | build/Dockerfile.dev:2: checksum can't be specified for multiple sources",
      "FROM scratch\\nADD --checksum=sha256:abc https://e.test/a /d | build/Dockerfile.dev:2: invalid checksum digest format: sha256:abc",
      "FROM scratch\\nADD --checksum=md5:0cc175b9c0f1b6a831c399e269772661 https://e.test/a /d | build/Dockerfile.dev:2: unsupported digest algorithm in --checksum=md5:0cc175b9c0f1b6a831c399e269772661 (use sha256:<hex>)",
      "FROM scratch\\nCOPY --exclude a b | build/Dockerfile.dev:2: missing a value on flag: --exclude",
      "FROM scratch\\nCOPY --link=maybe a b | build/Dockerfile.dev:2: expecting boolean value for flag --link, not: maybe",
      "FROM scratch\\nCOPY --from=$X a b | build/Dockerfile.dev:2: variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
      "FROM scratch\\nADD --checksum a | build/Dockerfile.dev:2: ADD requires at least two arguments, but only one was provided. Destination could not be determined",
      "FROM scratch\\nADD --from=x a b | build/Dockerfile.dev:2: unknown flag: --from",
      "FROM scratch\\nADD --unpack=yes a b | build/Dockerfile.dev:2: expecting boolean value for flag --unpack, not: yes",
      "FROM scratch\\nRUN --network=bridge true | build/Dockerfile.dev:2: unsupported network mode \"bridge\"",
      "FROM scratch\\nRUN --security=root true | build/Dockerfile.dev:2: unsupported security mode \"root\"",
      "FROM scratch\\nRUN --mount=type=cahce,target=/c true | build/Dockerfile.dev:2: unsupported mount type \"cahce\" (did you mean cache?)",
      "FROM scratch\\nRUN --mount=type=cache,target=/c,sharing=all true | build/Dockerfile.dev:2: unsupported sharing value \"all\"",
      "FROM scratch\\nRUN --mount=type=bind,target=/c,size=1m true | build/Dockerfile.dev:2: unexpected key 'size' for mount type 'bind'",
      "FROM scratch\\nRUN --mount=type=tmpfs,target=/t,size=lots true | build/Dockerfile.dev:2: invalid value for size: lots",
      "FROM scratch\\nRUN --mount=type=bind,target=/c,mode=0700 true | build/Dockerfile.dev:2: mode not allowed for \"bind\" type mounts",
      "FROM scratch\\nRUN --mount=type=cache,target=/c,uid=me true | build/Dockerfile.dev:2: invalid value me for uid",
      "FROM scratch\\nRUN --mount=type=cache,target=/c,required true | build/Dockerfile.dev:2: unexpected key 'required' for mount type 'cache'",
      "FROM scratch\\nRUN --mount=type=secret,from=x,id=s true | build/Dockerfile.dev:2: secret mount should not have a from",
      "FROM scratch\\nRUN --mount=type=secret true | build/Dockerfile.dev:2: invalid secret mount. one of source, target required",
      "FROM scratch\\nRUN --mount=type=bind,from=$S,target=/s true | build/Dockerfile.dev:2: 'from' doesn't support variable expansion, define alias stage instead",
      "FROM scratch\\nRUN --mount=type=bind,taget=/s true | build/Dockerfile.dev:2: unexpected key 'taget' in 'taget=/s' (did you mean target?)",
      "FROM scratch\\nRUN --mount=type=bind,ro=maybe,target=/s true | build/Dockerfile.dev:2: invalid value for ro: maybe",
      "FROM scratch\\nRUN --mount=type=bind,nope,target=/s true | build/Dockerfile.dev:2: invalid field 'nope' must be a key=value pair",
      "FROM scratch\\nRUN --mount=type=cache,target=/c true | build/Dockerfile.dev:2: RUN --mount=type=cache is not supported yet",
      "FROM scratch\\nRUN --mount=type=ssh true | build/Dockerfile.dev:2: RUN --mount=type=ssh is not supported yet",
      "FROM scratch\\nHEALTHCHECK NONE x | build/Dockerfile.dev:2: HEALTHCHECK NONE takes no arguments",
      "FROM scratch\\nHEALTHCHECK CONNECT x | build/Dockerfile.dev:2: Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)",
      "FROM scratch\\nHEALTHCHECK CMD | build/Dockerfile.dev:2: Missing command after HEALTHCHECK CMD",
      "FROM scratch\\nHEALTHCHECK --interval=1ns CMD x | build/Dockerfile.dev:2: Interval \"interval\" cannot be less than 1ms",
      "FROM scratch\\nHEALTHCHECK --timeout=5 CMD x | build/Dockerfile.dev:2: time: missing unit in duration \"5\"",
      "FROM scratch\\nHEALTHCHECK --start-period=5y CMD x | build/Dockerfile.dev:2: time: unknown unit \"y\" in duration \"5y\"",
      "FROM scratch\\nHEALTHCHECK --retries=-1 CMD x | build/Dockerfile.dev:2: --retries cannot be negative (-1)",
      "FROM scratch\\nHEALTHCHECK --retries=x CMD x | build/Dockerfile.dev:2: strconv.ParseInt: parsing \"x\": invalid syntax",
      "FROM scratch\\nHEALTHCHECK --bogus=1 CMD x | build/Dockerfile.dev:2: unknown flag: --bogus",
      "FROM scratch\\nONBUILD ONBUILD RUN x | build/Dockerfile.dev:2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
      "FROM scratch\\nONBUILD FROM x | build/Dockerfile.dev:2: FROM isn't allowed as an ONBUILD trigger",
      "FROM scratch\\nONBUILD MAINTAINER me | build/Dockerfile.dev:2: MAINTAINER isn't allowed as an ONBUILD trigger",
      "FROM scratch AS base\\nONBUILD COPY --from=later /x /y\\nFROM base AS user\\nFROM scratch AS later\\nFROM user | build/Dockerfile.dev:3: cannot copy from stage \"later\", it needs to be defined before current stage \"user\"",
      "FROM scratch AS base\\nONBUILD FOO bar\\nFROM base | build/Dockerfile.dev:3: ONBUILD FOO bar: unknown instruction: FOO (did you mean FROM?)",
      "FROM scratch\\nUSER | build/Dockerfile.dev:2: USER requires exactly one argument",
      "FROM scratch\\nMAINTAINER | build/Dockerfile.dev:2: MAINTAINER requires exactly one argument",
      "FROM scratch\\nSTOPSIGNAL | build/Dockerfile.dev:2: STOPSIGNAL requires exactly one argument",
      "FROM scratch\\nVOLUME [\"\"] | build/Dockerfile.dev:2: VOLUME specified can not be an empty string",
      "FROM scratch\\nLABEL | build/Dockerfile.dev:2: LABEL requires at least one argument",
      "FROM scratch\\nARG =x | build/Dockerfile.dev:2: ARG names can not be blank",
      "FROM scratch\\nEXPOSE 80/icmp | build/Dockerfile.dev:2: invalid proto: icmp",
      "FROM scratch\\nARG P=8x\\nEXPOSE $P | build/Dockerfile.dev:3: invalid containerPort: 8x",
      "FROM alpine | build/Dockerfile.dev:1: FROM alpine: base images from a registry are not supported yet",
      "FROM scratch\\nCOPY --from=alpine /x /y | build/Dockerfile.dev:2: COPY --from=alpine: base images from a registry are not supported yet",
      "FROM --platform=linux/arm64 scratch | build/Dockerfile.dev:1: FROM --platform is not supported yet",
      "FROM scratch\\nCOPY --chmod=u+x a b | build/Dockerfile.dev:2: --chmod=u+x: only octal modes are supported yet",
      "FROM scratch\\nCOPY https://example.com/a /a | build/Dockerfile.dev:2: source can't be a URL for COPY",
      "FROM scratch\\nCOPY git@example.com:org/repo.git /src | build/Dockerfile.dev:2: source can't be a git ref for COPY",
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
        List.of(), target, false, List.of(), RegistryCredentials.ANONYMOUS));
  }
}

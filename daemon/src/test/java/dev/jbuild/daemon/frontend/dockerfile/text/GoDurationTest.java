package dev.jbuild.daemon.frontend.dockerfile.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's time.ParseDuration and Duration.String, which HEALTHCHECK flags and history use. */
class GoDurationTest {
  @ParameterizedTest
  @CsvSource({"0, 0, 0s", "30s, 30000000000, 30s", "1m30s, 90000000000, 1m30s", "1.5s, 1500000000, 1.5s",
      "500ms, 500000000, 500ms", "1h, 3600000000000, 1h0m0s", "2us, 2000, 2µs", "1.5h, 5400000000000, 1h30m0s",
      "+3ns, 3, 3ns", ".5m, 30000000000, 30s"})
  void parsesAndFormatsAsGo(String text, long nanos, String formatted) throws Exception {
    assertThat(GoDuration.parse(text)).isEqualTo(nanos);
    assertThat(GoDuration.format(nanos)).isEqualTo(formatted);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"5|time: missing unit in duration \"5\"",
      "5y|time: unknown unit \"y\" in duration \"5y\"", "s|time: invalid duration \"s\"",
      "1..2s|time: invalid duration \"1..2s\"", "-|time: invalid duration \"-\""})
  void refusesWhatGoRefuses(String text, String message) {
    assertThatThrownBy(() -> GoDuration.parse(text)).hasMessage(message);
  }
}

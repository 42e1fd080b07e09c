package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict} on both charts. */
class ChartLintTest {

  @Test
  void theOpstreamChartPassesStrictLint() {
    LintResult lint = new Helm(OpstreamChart.DIRECTORY).lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void theRedisChartPassesStrictLint() {
    LintResult lint =
        new Helm(java.nio.file.Path.of("redis").toAbsolutePath()).lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }
}

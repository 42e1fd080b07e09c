package dev.opstream.actuator.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.topics.Topics;
import dev.opstream.topics.records.ActionKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerConfigTest {

  private static final Map<String, Object> KAFKA = Map.of("bootstrap.servers", "k:9092");

  @Test
  void defaultsReadTheKindsTopicInTheKindsGroup() {
    RunnerConfig config = RunnerConfig.fromEnv(ActionKind.REDIS, KAFKA, Map.of());

    assertThat(config.groupId()).isEqualTo("opstream-actuator-redis");
    assertThat(config.topics().actions()).isEqualTo(Topics.ACTIONS_REDIS);
    assertThat(config.topics().results()).isEqualTo(Topics.RESULTS);
    assertThat(config.topics().deadLetters()).isEqualTo(Topics.DLQ);
    assertThat(config.concurrency()).isEqualTo(RunnerConfig.DEFAULT_CONCURRENCY);
  }

  @Test
  void environmentOverridesTheDefaults() {
    RunnerConfig config =
        RunnerConfig.fromEnv(
            ActionKind.BUCKET,
            KAFKA,
            Map.of(
                RunnerConfig.ENV_GROUP_ID, "g",
                RunnerConfig.ENV_CONCURRENCY, "16",
                RunnerConfig.ENV_MAX_IN_FLIGHT, "64",
                RunnerConfig.ENV_ACTION_TIMEOUT, "PT5M",
                RunnerConfig.ENV_SHUTDOWN_TIMEOUT, "PT1M"));

    assertThat(config.groupId()).isEqualTo("g");
    assertThat(config.concurrency()).isEqualTo(16);
    assertThat(config.maxInFlight()).isEqualTo(64);
    assertThat(config.actionTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aBadValueNamesItsVariable() {
    assertThatThrownBy(
            () ->
                RunnerConfig.fromEnv(
                    ActionKind.BUCKET, KAFKA, Map.of(RunnerConfig.ENV_ACTION_TIMEOUT, "2m")))
        .hasMessageContaining(RunnerConfig.ENV_ACTION_TIMEOUT)
        .hasMessageContaining("PT30S");
    assertThatThrownBy(
            () ->
                RunnerConfig.defaults(ActionKind.BUCKET, KAFKA)
                    .withConcurrency(8)
                    .withMaxInFlight(4))
        .hasMessageContaining("maxInFlight");
  }
}

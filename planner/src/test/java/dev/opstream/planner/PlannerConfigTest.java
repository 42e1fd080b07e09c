package dev.opstream.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerConfigTest {

  @Test
  void readsEveryVariable() {
    PlannerConfig config =
        PlannerConfig.fromEnv(
            Map.ofEntries(
                Map.entry(PlannerConfig.ENV_APPLICATION_ID, "planner-b"),
                Map.entry(PlannerConfig.ENV_BOOTSTRAP_SERVERS, "k1:9092,k2:9092"),
                Map.entry(PlannerConfig.ENV_STATE_DIR, "/data"),
                Map.entry(PlannerConfig.ENV_HTTP_PORT, "8081"),
                Map.entry(PlannerConfig.ENV_ADVERTISED_HOST, "planner-0.planner"),
                Map.entry(PlannerConfig.ENV_TIMER_TICK, "PT0.5S"),
                Map.entry(PlannerConfig.ENV_GRACE_PERIOD, "PT1H"),
                Map.entry(PlannerConfig.ENV_BUCKET_PREFIX, "acme"),
                Map.entry(PlannerConfig.ENV_PAUSE_ALL, "true"),
                Map.entry(PlannerConfig.ENV_DRIFT_INTERVAL, "PT30M"),
                Map.entry(PlannerConfig.ENV_RETRY_INITIAL, "PT1S"),
                Map.entry(PlannerConfig.ENV_RETRY_MAX, "PT1M"),
                Map.entry(PlannerConfig.ENV_RETRY_ATTEMPTS, "5"),
                Map.entry(PlannerConfig.ENV_GUARD_SHARE, "0.25"),
                Map.entry(PlannerConfig.ENV_GUARD_MIN_APPS, "10")));

    assertThat(config.applicationId()).isEqualTo("planner-b");
    assertThat(config.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(config.stateDir()).isEqualTo(Path.of("/data"));
    assertThat(config.httpPort()).isEqualTo(8081);
    assertThat(config.timerTick()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.policy().gracePeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(config.policy().bucketPrefix()).isEqualTo("acme");
    assertThat(config.policy().pauseAll()).isTrue();
    assertThat(config.policy().driftInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.policy().backoff().maxAttempts()).isEqualTo(5);
    assertThat(config.policy().deletionGuard().maxShare()).isEqualTo(0.25);
    assertThat(config.policy().deletionGuard().minApps()).isEqualTo(10);
    assertThat(config.streamsProperties())
        .containsEntry("application.server", "planner-0.planner:8081")
        .containsEntry("deserialization.exception.handler", PlannerDeadLetters.class.getName());
  }

  @Test
  void theHangingTransactionReaperIsOnByDefaultAndConfigurable() {
    assertThat(PlannerConfig.fromEnv(Map.of()).transactionReaper())
        .isEqualTo(TransactionReaperConfig.defaults());
    assertThat(TransactionReaperConfig.defaults().enabled()).isTrue();
    assertThat(TransactionReaperConfig.defaults().olderThan()).isEqualTo(Duration.ofMinutes(5));

    TransactionReaperConfig reaper =
        PlannerConfig.fromEnv(
                Map.of(
                    PlannerConfig.ENV_ABORT_HANGING, "false",
                    PlannerConfig.ENV_HANGING_AGE, "PT20S",
                    PlannerConfig.ENV_HANGING_INTERVAL, "PT5S"))
            .transactionReaper();

    assertThat(reaper)
        .isEqualTo(
            new TransactionReaperConfig(false, Duration.ofSeconds(20), Duration.ofSeconds(5)));
    assertThatThrownBy(() -> PlannerConfig.fromEnv(Map.of(PlannerConfig.ENV_ABORT_HANGING, "no")))
        .hasMessageStartingWith(
            "OPSTREAM_PLANNER_ABORT_HANGING_TRANSACTIONS must be true or false");
  }

  @Test
  void namesTheVariableWhoseValueIsWrong() {
    assertThatThrownBy(() -> PlannerConfig.fromEnv(Map.of(PlannerConfig.ENV_GRACE_PERIOD, "1d")))
        .hasMessageStartingWith("OPSTREAM_PLANNER_GRACE_PERIOD must be an ISO-8601 duration");
    assertThatThrownBy(() -> PlannerConfig.fromEnv(Map.of(PlannerConfig.ENV_GUARD_SHARE, "half")))
        .hasMessageStartingWith("OPSTREAM_PLANNER_DELETION_GUARD_SHARE must be a number");
    assertThatThrownBy(() -> PlannerConfig.fromEnv(Map.of(PlannerConfig.ENV_GUARD_SHARE, "2")))
        .hasMessageContaining("deletion guard share must be above 0 and at most 1");
  }

  @Test
  void extraKafkaPropertiesOverrideTheDefaults() {
    PlannerConfig config =
        new PlannerConfig(
            "p",
            "k:9092",
            Path.of("/tmp/p"),
            0,
            "localhost",
            Duration.ofSeconds(1),
            dev.opstream.planner.core.PlanningPolicy.defaults(),
            Map.of("security.protocol", "SSL", "producer.linger.ms", "0"));

    assertThat(config.streamsProperties())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("producer.linger.ms", "0");
  }
}

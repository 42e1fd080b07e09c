package dev.opstream.actuator.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CronJobActuatorConfigTest {

  @Test
  void readsEverySettingFromTheEnvironment() {
    CronJobActuatorConfig config =
        CronJobActuatorConfig.fromEnv(
            Map.ofEntries(
                Map.entry("OPSTREAM_BACKUP_IMAGE", "registry.example/opstream:1.2.3"),
                Map.entry("OPSTREAM_BACKUP_S3_SECRET", "opstream-s3"),
                Map.entry("OPSTREAM_BACKUP_SERVICE_ACCOUNT", "backup"),
                Map.entry("OPSTREAM_BACKUP_SUCCESSFUL_JOBS_HISTORY", "1"),
                Map.entry("OPSTREAM_BACKUP_FAILED_JOBS_HISTORY", "5"),
                Map.entry("OPSTREAM_BACKUP_STARTING_DEADLINE_SECONDS", "120"),
                Map.entry("OPSTREAM_BACKUP_BACKOFF_LIMIT", "0"),
                Map.entry("OPSTREAM_BACKUP_ACTIVE_DEADLINE_SECONDS", "900"),
                Map.entry("OPSTREAM_BACKUP_CPU_REQUEST", "250m"),
                Map.entry("OPSTREAM_BACKUP_MEMORY_REQUEST", "128Mi"),
                Map.entry("OPSTREAM_BACKUP_MEMORY_LIMIT", "1Gi")));

    assertThat(config.image()).isEqualTo("registry.example/opstream:1.2.3");
    assertThat(config.imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(config.s3CredentialsSecret()).contains("opstream-s3");
    assertThat(config.serviceAccountName()).contains("backup");
    assertThat(config.successfulJobsHistoryLimit()).isEqualTo(1);
    assertThat(config.failedJobsHistoryLimit()).isEqualTo(5);
    assertThat(config.startingDeadlineSeconds()).isEqualTo(120);
    assertThat(config.backoffLimit()).isZero();
    assertThat(config.activeDeadlineSeconds()).isEqualTo(900);
    assertThat(config.cpuRequest()).isEqualTo("250m");
    assertThat(config.memoryRequest()).isEqualTo("128Mi");
    assertThat(config.memoryLimit()).isEqualTo("1Gi");
  }

  @Test
  void pullsLikeKubernetesWouldByDefault() {
    assertThat(CronJobActuatorConfig.pullPolicyFor("opstream/opstream:latest")).isEqualTo("Always");
    assertThat(CronJobActuatorConfig.pullPolicyFor("opstream/opstream")).isEqualTo("Always");
    assertThat(CronJobActuatorConfig.pullPolicyFor("registry:5000/opstream")).isEqualTo("Always");
    assertThat(CronJobActuatorConfig.pullPolicyFor("opstream/opstream:1.0"))
        .isEqualTo("IfNotPresent");
    assertThat(CronJobActuatorConfig.pullPolicyFor("opstream/opstream@sha256:ab"))
        .isEqualTo("IfNotPresent");
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(
            () ->
                CronJobActuatorConfig.fromEnv(
                    Map.of("OPSTREAM_BACKUP_IMAGE_PULL_POLICY", "Sometimes")))
        .hasMessageContaining("imagePullPolicy");
    assertThatThrownBy(
            () -> CronJobActuatorConfig.fromEnv(Map.of("OPSTREAM_BACKUP_BACKOFF_LIMIT", "-1")))
        .hasMessageContaining("backoffLimit must be at least 0");
  }
}

package dev.opstream.actuator.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupCronJobsTest {

  private static final AppKey APP = AppKey.parse("prod/shop/cart");
  private static final BackupCronJobSpec SPEC =
      new BackupCronJobSpec(
          "cart-redis-backup",
          "0 3 * * *",
          "Europe/Paris",
          7,
          "opstream-prod-shop-cart",
          "cart-redis");

  @Test
  void runsExactlyTheAgreedBackupCommand() {
    Container backup =
        container(BackupCronJobs.desired(APP, SPEC, CronJobActuatorConfig.defaults()));

    assertThat(backup.getCommand())
        .containsExactly(
            "opstream",
            "backup",
            "run",
            "--redis",
            "redis://cart-redis.shop.svc:6379",
            "--bucket",
            "opstream-prod-shop-cart",
            "--prefix",
            "backups/",
            "--keep",
            "7",
            "--mode",
            "scan");
    assertThat(backup.getArgs()).isEmpty();
    assertThat(backup.getImage()).isEqualTo("opstream/opstream:latest");
    assertThat(backup.getImagePullPolicy()).isEqualTo("Always");
    assertThat(backup.getEnv())
        .singleElement()
        .satisfies(
            env -> {
              assertThat(env.getName()).isEqualTo("REDIS_PASSWORD");
              assertThat(env.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo("cart-redis-auth");
              assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
            });
  }

  @Test
  void schedulesOneRunAtATimeWithBoundedHistoryAndRetries() {
    CronJob cronJob = BackupCronJobs.desired(APP, SPEC, CronJobActuatorConfig.defaults());

    assertThat(cronJob.getMetadata().getName()).isEqualTo("cart-redis-backup");
    assertThat(cronJob.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(cronJob.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "opstream")
        .containsEntry("app.kubernetes.io/instance", "cart-redis-backup");
    assertThat(cronJob.getMetadata().getAnnotations())
        .containsEntry("opstream.dev/app", "prod/shop/cart");
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 3 * * *");
    assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Europe/Paris");
    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cronJob.getSpec().getSuspend()).isFalse();
    assertThat(cronJob.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
    assertThat(cronJob.getSpec().getFailedJobsHistoryLimit()).isEqualTo(3);
    assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).isEqualTo(300);
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isEqualTo(2);
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds())
        .isEqualTo(3600);
    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "opstream");
    Container backup = pod.getContainers().get(0);
    assertThat(backup.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(backup.getResources().getLimits()).containsOnlyKeys("memory");
    assertThat(backup.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(backup.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void withoutACredentialsSecretUsesTheServiceAccountAndMountsNoToken() {
    CronJob cronJob = BackupCronJobs.desired(APP, SPEC, CronJobActuatorConfig.defaults());

    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getEnvFrom()).isEmpty();
    assertThat(pod.getServiceAccountName()).isNull();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void s3SettingsComeFromTheConfiguredSecret() {
    CronJobActuatorConfig config =
        CronJobActuatorConfig.defaults().withS3CredentialsSecret("opstream-s3");

    Container backup = container(BackupCronJobs.desired(APP, SPEC, config));

    assertThat(backup.getEnvFrom())
        .singleElement()
        .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo("opstream-s3"));
  }

  @Test
  void aServiceAccountForWorkloadIdentityGetsItsToken() {
    CronJobActuatorConfig config =
        CronJobActuatorConfig.fromEnv(
            java.util.Map.of("OPSTREAM_BACKUP_SERVICE_ACCOUNT", "backup-irsa"));

    PodSpec pod =
        BackupCronJobs.desired(APP, SPEC, config)
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getServiceAccountName()).isEqualTo("backup-irsa");
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
  }

  @Test
  void noTimeZoneMeansTheControllersZone() {
    BackupCronJobSpec utc =
        new BackupCronJobSpec("cart-redis-backup", "@daily", null, 7, "b", "cart-redis");

    assertThat(
            BackupCronJobs.desired(APP, utc, CronJobActuatorConfig.defaults())
                .getSpec()
                .getTimeZone())
        .isNull();
  }

  private static Container container(CronJob cronJob) {
    List<Container> containers =
        cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }
}

package dev.opstream.actuator.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BackupCronJobViewTest {

  private static final AppKey APP = AppKey.parse("prod/shop/cart");
  private static final BackupCronJobSpec SPEC =
      new BackupCronJobSpec("cart-redis-backup", "@daily", "UTC", 7, "bucket", "cart-redis");
  private static final CronJobActuatorConfig CONFIG =
      CronJobActuatorConfig.defaults().withS3CredentialsSecret("s3");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final CronJob desired = BackupCronJobs.desired(APP, SPEC, CONFIG);

  @Test
  void whatAServerAddsOrRewritesIsNoDifference() {
    CronJob live =
        live(
            cj -> {
              cj.getMetadata().setUid("uid");
              cj.getMetadata().setResourceVersion("42");
              cj.getMetadata().getLabels().put("team", "payments");
              cj.getSpec().setSuspend(null);
              cj.getSpec()
                  .getJobTemplate()
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .setDnsPolicy("ClusterFirst");
              Container c = container(cj);
              c.setTerminationMessagePath("/dev/termination-log");
              c.getResources().getRequests().put("cpu", new Quantity("0.1"));
              c.getResources().getLimits().put("memory", new Quantity("536870912"));
            });

    assertThat(BackupCronJobView.of(live)).isEqualTo(BackupCronJobView.of(desired));
  }

  @Test
  void everyFieldOpstreamSetsIsCompared() {
    List<Consumer<CronJob>> drifts =
        List.of(
            cj -> cj.getSpec().setSchedule("0 * * * *"),
            cj -> cj.getSpec().setTimeZone(null),
            cj -> cj.getSpec().setConcurrencyPolicy("Allow"),
            cj -> cj.getSpec().setSuspend(true),
            cj -> cj.getSpec().setFailedJobsHistoryLimit(10),
            cj -> cj.getSpec().setStartingDeadlineSeconds(null),
            cj -> cj.getSpec().getJobTemplate().getSpec().setBackoffLimit(6),
            cj -> cj.getMetadata().getLabels().remove("app.kubernetes.io/managed-by"),
            cj -> container(cj).setImage("opstream/opstream:0.0.1"),
            cj -> container(cj).getCommand().set(10, "3"),
            cj -> container(cj).setEnvFrom(List.of()),
            cj -> container(cj).getEnv().get(0).getValueFrom().getSecretKeyRef().setKey("pw"),
            cj -> container(cj).getResources().getLimits().put("memory", new Quantity("1Gi")),
            cj -> container(cj).setName("renamed"),
            cj ->
                cj.getSpec()
                    .getJobTemplate()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .setServiceAccountName("other"));

    for (Consumer<CronJob> drift : drifts) {
      assertThat(BackupCronJobView.of(live(drift)))
          .as("after a drift")
          .isNotEqualTo(BackupCronJobView.of(desired));
    }
  }

  private CronJob live(Consumer<CronJob> change) {
    CronJob copy = SERIALIZATION.clone(desired);
    change.accept(copy);
    return copy;
  }

  private static Container container(CronJob cj) {
    return cj.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}

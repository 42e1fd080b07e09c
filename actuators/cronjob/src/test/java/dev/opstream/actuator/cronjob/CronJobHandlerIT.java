package dev.opstream.actuator.cronjob;

import static dev.opstream.actuator.cronjob.BackupCronJobActions.ensure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.actuator.runner.ActuatorException;
import dev.opstream.actuator.runner.Effect;
import dev.opstream.actuator.runner.clusters.ClusterAccess;
import dev.opstream.actuator.runner.clusters.KubeconfigClusterClients;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import dev.opstream.topics.records.DeleteBackupCronJob;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The backup CronJob actuator against the in-process API server (server-side apply). */
@ExtendWith(KubeApiServerExtension.class)
class CronJobHandlerIT {

  private KubernetesClient client;
  private KubeconfigClusterClients clusters;
  private CronJobHandler handler;
  private String namespace;
  private String cluster;

  @BeforeEach
  void setUp(KubeApiServer server, @TempDir Path dir) {
    client = server.client();
    cluster = server.clusterName();
    clusters =
        KubeconfigClusterClients.create(
            ClusterAccess.kubeconfig(
                KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(server))));
    handler =
        new CronJobHandler(
            CronJobActuatorConfig.defaults().withS3CredentialsSecret("opstream-s3"), clusters);
    namespace = "backup-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  @AfterEach
  void tearDown() {
    clusters.close();
  }

  @Test
  void ensureCreatesOnceThenReportsNoop() {
    AppKey app = app("cart");

    Effect first = handler.handle(ensure(app, "@daily", null, 7));

    assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(first.observed())
        .isEqualTo(
            ResourceState.managed(
                java.util.Map.of(
                    "name", "cart-redis-backup",
                    "schedule", "@daily",
                    "retention", "7",
                    "bucket", "opstream-test-" + namespace + "-cart",
                    "release", "cart-redis",
                    "image", "opstream/opstream:latest")));
    CronJob live = live("cart-redis-backup");
    assertThat(live.getMetadata().getManagedFields())
        .extracting(f -> f.getManager())
        .contains(CronJobHandler.FIELD_MANAGER);
    assertThat(live.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(command(live))
        .containsExactly(
            "opstream",
            "backup",
            "run",
            "--redis",
            "redis://cart-redis." + namespace + ".svc:6379",
            "--bucket",
            "opstream-test-" + namespace + "-cart",
            "--prefix",
            "backups/",
            "--keep",
            "7",
            "--mode",
            "scan");
    String resourceVersion = live.getMetadata().getResourceVersion();

    Effect second = handler.handle(ensure(app, "@daily", null, 7));

    assertThat(second.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(second.observed()).isEqualTo(first.observed());
    assertThat(live("cart-redis-backup").getMetadata().getResourceVersion())
        .isEqualTo(resourceVersion);
  }

  @Test
  void changedScheduleTimeZoneAndRetentionUpdateTheCronJob() {
    AppKey app = app("shop");
    handler.handle(ensure(app, "@daily", null, 7));

    Effect changed = handler.handle(ensure(app, "30 2 * * *", "Europe/Berlin", 14));

    assertThat(changed.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(changed.observed().attributes())
        .containsEntry("schedule", "30 2 * * *")
        .containsEntry("timeZone", "Europe/Berlin")
        .containsEntry("retention", "14");
    CronJob live = live("shop-redis-backup");
    assertThat(live.getSpec().getSchedule()).isEqualTo("30 2 * * *");
    assertThat(live.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
    assertThat(command(live)).containsSequence("--keep", "14");
    assertThat(handler.handle(ensure(app, "30 2 * * *", "Europe/Berlin", 14)).outcome())
        .isEqualTo(Outcome.NOOP);
  }

  @Test
  void aHandEditIsPutBack() {
    AppKey app = app("edited");
    handler.handle(ensure(app, "@daily", null, 7));
    client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(namespace)
        .withName("edited-redis-backup")
        .edit(
            cj -> {
              cj.getSpec().setSchedule("* * * * *");
              cj.getSpec().setConcurrencyPolicy("Allow");
              cj.getMetadata().getLabels().put("team", "payments");
              return cj;
            });

    Effect repaired = handler.handle(ensure(app, "@daily", null, 7));

    assertThat(repaired.outcome()).isEqualTo(Outcome.UPDATED);
    CronJob live = live("edited-redis-backup");
    assertThat(live.getSpec().getSchedule()).isEqualTo("@daily");
    assertThat(live.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(live.getMetadata().getLabels()).containsEntry("team", "payments");
  }

  @Test
  void cronJobDeletedBehindOpstreamsBackIsCreatedAgain() {
    AppKey app = app("gone");
    handler.handle(ensure(app, "@daily", null, 7));
    client.batch().v1().cronjobs().inNamespace(namespace).withName("gone-redis-backup").delete();
    assertThat(
            handler
                .handle(
                    Observe.of(
                        app, "uid", ActionKind.CRONJOB, "gone-redis-backup", "ce", "drift check"))
                .observed())
        .isEqualTo(ResourceState.absent());

    Effect again = handler.handle(ensure(app, "@daily", null, 7));

    assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(live("gone-redis-backup")).isNotNull();
  }

  @Test
  void deleteRemovesItThenReportsNoop() {
    AppKey app = app("bye");
    handler.handle(ensure(app, "@daily", null, 7));
    DeleteBackupCronJob delete =
        DeleteBackupCronJob.of(app, "uid", "bye-redis-backup", "ce", "disabled");

    Effect first = handler.handle(delete);

    assertThat(first.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(first.observed()).isEqualTo(ResourceState.absent());
    assertThat(live("bye-redis-backup")).isNull();

    Effect second = handler.handle(delete);

    assertThat(second.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(second.observed()).isEqualTo(ResourceState.absent());
  }

  @Test
  void foreignCronJobIsAPermanentFailureAndStaysUntouched() {
    AppKey app = app("theirs");
    CronJob foreign =
        client
            .batch()
            .v1()
            .cronjobs()
            .inNamespace(namespace)
            .resource(
                new CronJobBuilder()
                    .withNewMetadata()
                    .withName("theirs-redis-backup")
                    .endMetadata()
                    .withNewSpec()
                    .withSchedule("@hourly")
                    .withNewJobTemplate()
                    .withNewSpec()
                    .withNewTemplate()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("their-backup")
                    .withImage("busybox")
                    .endContainer()
                    .withRestartPolicy("Never")
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .endJobTemplate()
                    .endSpec()
                    .build())
            .create();

    assertPermanent(
        () -> handler.handle(ensure(app, "@daily", null, 7)),
        "CronJob " + namespace + "/theirs-redis-backup exists and is not managed by opstream");
    assertPermanent(
        () ->
            handler.handle(
                DeleteBackupCronJob.of(app, "uid", "theirs-redis-backup", "ce", "disabled")),
        "opstream will not delete it");

    CronJob after = live("theirs-redis-backup");
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(after.getSpec().getSchedule()).isEqualTo("@hourly");
    Effect observed =
        handler.handle(
            Observe.of(app, "uid", ActionKind.CRONJOB, "theirs-redis-backup", "ce", "drift"));
    assertThat(observed.observed().exists()).isTrue();
    assertThat(observed.observed().managedByOpstream()).isFalse();
  }

  @Test
  void unknownClusterIsAPermanentFailureNamingTheKnownOnes() {
    AppKey elsewhere = new AppKey("elsewhere", namespace, "cart");

    assertPermanent(
        () -> handler.handle(ensure(elsewhere, "@daily", null, 7)),
        "unknown cluster 'elsewhere': this actuator knows only " + cluster);
  }

  @Test
  void invalidNameIsAPermanentFailure() {
    AppKey app = app("long");
    EnsureBackupCronJob tooLong =
        EnsureBackupCronJob.of(
            app,
            "uid",
            new BackupCronJobSpec("x".repeat(53), "@daily", null, 7, "bucket", "long-redis"),
            "ce",
            "test");

    assertPermanent(() -> handler.handle(tooLong), "is not a valid CronJob name");
  }

  // ----- helpers -----

  private AppKey app(String name) {
    return new AppKey(cluster, namespace, name);
  }

  private CronJob live(String name) {
    return client.batch().v1().cronjobs().inNamespace(namespace).withName(name).get();
  }

  private static List<String> command(CronJob cronJob) {
    return cronJob
        .getSpec()
        .getJobTemplate()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getCommand();
  }

  private static void assertPermanent(Runnable action, String message) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            ActuatorException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ActuatorException.Reason.PERMANENT);
              assertThat(e.getMessage()).contains(message);
            });
  }
}

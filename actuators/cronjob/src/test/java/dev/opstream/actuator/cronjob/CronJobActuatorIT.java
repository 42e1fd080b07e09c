package dev.opstream.actuator.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.actuator.runner.ActuatorRunner;
import dev.opstream.actuator.runner.ClusterClients;
import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.actuator.runner.clusters.ClusterAccess;
import dev.opstream.actuator.runner.clusters.KubeconfigClusterClients;
import dev.opstream.actuator.runner.testing.ActuatorTestKit;
import dev.opstream.actuator.runner.testing.Gate;
import dev.opstream.actuator.runner.testing.TwoInstances;
import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.localstack.kube.KubeConfigFile;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.Outcome;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The backup CronJob actuator through the real runner: the real broker, the in-process API. */
@ExtendWith({KafkaBrokerExtension.class, KubeApiServerExtension.class})
class CronJobActuatorIT {

  private ActuatorTestKit kit;
  private KubeApiServer server;
  private KubeconfigClusterClients clusters;
  private RunnerConfig config;
  private String namespace;
  private final List<Gate> gates = new ArrayList<>();

  @BeforeEach
  void setUp(KafkaBroker broker, KubeApiServer server, @TempDir Path dir) throws Exception {
    this.server = server;
    kit = ActuatorTestKit.create(broker.bootstrapServers(), 2);
    clusters =
        KubeconfigClusterClients.create(
            ClusterAccess.kubeconfig(
                KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(server))));
    config = kit.config(ActionKind.CRONJOB);
    namespace = "backup-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void tearDown() {
    gates.forEach(Gate::open);
    kit.close();
    clusters.close();
  }

  @Test
  void aCrashAfterApplyingConvergesOnRedeliveryWithoutASecondWrite() throws Exception {
    AppKey app = app("crash");
    ActuatorRunner crashing =
        kit.start(config, handler(clusters), ActuatorTestKit.CRASH_BEFORE_PUBLISH);
    EnsureBackupCronJob ensure = ensure(app, "@daily");
    kit.send(ensure);

    assertThat(crashing.awaitTermination()).isPresent();
    assertThat(kit.resultsFor(ensure.actionId())).isEmpty();
    CronJob afterCrash = live(server.client(), "crash-redis-backup");
    assertThat(afterCrash).isNotNull();

    kit.start(config, handler(clusters));

    ActionResult result = kit.awaitResult(ensure);
    kit.awaitAllCommitted(config.groupId());
    assertThat(result.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(result.observed().attributes()).containsEntry("schedule", "@daily");
    assertThat(kit.resultsFor(ensure.actionId())).hasSize(1);
    CronJob afterRedelivery = live(server.client(), "crash-redis-backup");
    assertThat(afterRedelivery.getMetadata().getUid()).isEqualTo(afterCrash.getMetadata().getUid());
    assertThat(afterRedelivery.getMetadata().getResourceVersion())
        .isEqualTo(afterCrash.getMetadata().getResourceVersion());
    assertThat(server.client().batch().v1().cronjobs().inNamespace(namespace).list().getItems())
        .hasSize(1);
  }

  @Test
  void anAppHeldInsideTheHandlerDoesNotHoldAnotherApp(@TempDir Path dir) throws Exception {
    // The held app lives in a second cluster, so the handler is held when it asks for that
    // cluster's client, inside its run.
    try (KubeApiServer heldServer = KubeApiServer.start("held");
        KubeconfigClusterClients both =
            KubeconfigClusterClients.create(
                ClusterAccess.kubeconfig(
                    KubeConfigFile.write(
                        dir.resolve("two-clusters"), List.of(server, heldServer))))) {
      Gate gate = gate();
      ClusterClients holdingHeld =
          new ClusterClients() {
            @Override
            public KubernetesClient forCluster(String cluster) {
              if (cluster.equals("held")) {
                gate.pass();
              }
              return both.forCluster(cluster);
            }

            @Override
            public void close() {}
          };
      kit.start(config, handler(holdingHeld));
      AppKey held = new AppKey("held", namespace, "held");
      AppKey free = app("free");

      EnsureBackupCronJob heldEnsure = ensure(held, "@daily");
      kit.send(heldEnsure);
      assertThat(gate.awaitReached()).isTrue();
      EnsureBackupCronJob freeEnsure = ensure(free, "@daily");
      kit.send(freeEnsure);

      assertThat(kit.awaitResult(freeEnsure).outcome()).isEqualTo(Outcome.CREATED);
      assertThat(live(server.client(), "free-redis-backup")).isNotNull();
      assertThat(kit.resultsFor(heldEnsure.actionId())).isEmpty();
      assertThat(live(heldServer.client(), "held-redis-backup")).isNull();
      gate.open();
      assertThat(kit.awaitResult(heldEnsure).outcome()).isEqualTo(Outcome.CREATED);
      assertThat(live(heldServer.client(), "held-redis-backup")).isNotNull();
    }
  }

  @Test
  void twoInstancesShareThePartitionsAndOneThatStopsHandsItsAppsOver() throws Exception {
    TwoInstances instances = TwoInstances.start(kit, 2, config, () -> handler(clusters));
    List<AppKey> apps =
        kit.onePerPartition(() -> app("shared-" + UUID.randomUUID().toString().substring(0, 6)));

    for (AppKey app : apps) {
      kit.send(ensure(app, "@daily"));
    }
    for (AppKey app : apps) {
      EnsureBackupCronJob ensure = ensure(app, "@daily");
      assertThat(kit.awaitResult(ensure).outcome()).isEqualTo(Outcome.CREATED);
      assertThat(instances.ownerOf(app).startedCount(ensure)).isEqualTo(1);
      assertThat(instances.otherThanOwnerOf(app).startedCount(ensure)).isZero();
    }

    AppKey handedOver = instances.heldByFirst(apps);
    instances.stopFirst();
    EnsureBackupCronJob hourly = ensure(handedOver, "@hourly");
    kit.send(hourly);

    assertThat(kit.awaitResult(hourly).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(instances.secondHandler().startedCount(hourly)).isEqualTo(1);
    assertThat(instances.firstHandler().startedCount(hourly)).isZero();
    assertThat(live(server.client(), handedOver.name() + "-redis-backup").getSpec().getSchedule())
        .isEqualTo("@hourly");
    kit.awaitAllCommitted(config.groupId());
  }

  private CronJobHandler handler(ClusterClients clients) {
    return new CronJobHandler(
        CronJobActuatorConfig.defaults().withS3CredentialsSecret("opstream-s3"), clients);
  }

  private AppKey app(String name) {
    return new AppKey(server.clusterName(), namespace, name);
  }

  private static EnsureBackupCronJob ensure(AppKey app, String schedule) {
    return BackupCronJobActions.ensure(app, schedule, null, 7);
  }

  private CronJob live(KubernetesClient client, String name) {
    return client.batch().v1().cronjobs().inNamespace(namespace).withName(name).get();
  }

  private Gate gate() {
    Gate gate = new Gate();
    gates.add(gate);
    return gate;
  }
}

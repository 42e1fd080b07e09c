package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.actuator.runner.ActuatorRunner;
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
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis actuator through the real runner: actions on the real broker, real Helm and the bundled
 * chart on the in-process API server.
 */
@ExtendWith({KafkaBrokerExtension.class, KubeApiServerExtension.class})
class RedisActuatorIT {

  private ActuatorTestKit kit;
  private RedisTestCluster cluster;
  private RunnerConfig config;
  private final List<AutoCloseable> handlers = new ArrayList<>();
  private final List<Gate> gates = new ArrayList<>();

  @BeforeEach
  void setUp(KafkaBroker broker, KubeApiServer server, @TempDir Path dir) throws Exception {
    kit = ActuatorTestKit.create(broker.bootstrapServers(), 2);
    cluster = new RedisTestCluster(server, dir);
    // Helm on a loaded machine: far more than an install takes, less than the kit's waits.
    config = kit.config(ActionKind.REDIS).withActionTimeout(Duration.ofSeconds(50));
  }

  @AfterEach
  void tearDown() throws Exception {
    gates.forEach(Gate::open);
    kit.close();
    for (AutoCloseable handler : handlers) {
      handler.close();
    }
    cluster.close();
  }

  @Test
  void aCrashAfterInstallingConvergesOnRedeliveryWithoutASecondRevision() throws Exception {
    AppKey app = cluster.app("crash-" + UUID.randomUUID().toString().substring(0, 6));
    String release = app.name() + "-redis";
    ActuatorRunner crashing = kit.start(config, handler(), ActuatorTestKit.CRASH_BEFORE_PUBLISH);
    EnsureRedis ensure = RedisTestCluster.ensure(app, "256Mi");
    kit.send(ensure);

    assertThat(crashing.awaitTermination()).isPresent();
    assertThat(kit.resultsFor(ensure.actionId())).isEmpty();
    assertThat(cluster.releaseRevisions(release)).containsExactly("1:deployed");
    String secretUid = cluster.secret(app.name() + "-redis-auth").getMetadata().getUid();

    kit.start(config, handler());

    ActionResult result = kit.awaitResult(ensure);
    kit.awaitAllCommitted(config.groupId());
    assertThat(result.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(result.observed().attributes())
        .containsEntry("revision", "1")
        .containsEntry("status", "deployed");
    assertThat(kit.resultsFor(ensure.actionId())).hasSize(1);
    assertThat(cluster.releaseRevisions(release)).containsExactly("1:deployed");
    assertThat(cluster.secret(app.name() + "-redis-auth").getMetadata().getUid())
        .isEqualTo(secretUid);
  }

  @Test
  void anAppHeldInsideTheHandlerBeforeHelmDoesNotHoldAnotherApp(@TempDir Path dir)
      throws Exception {
    // The held app lives in a second cluster, so the handler can be held on its way to Helm
    // (when it asks for that cluster's kubeconfig) with the Secret already written.
    try (KubeApiServer heldServer = KubeApiServer.start("held");
        KubeconfigClusterClients clusters =
            KubeconfigClusterClients.create(
                ClusterAccess.kubeconfig(
                    KubeConfigFile.write(
                        dir.resolve("two-clusters"), List.of(cluster.server, heldServer))))) {
      Gate gate = gate();
      ClusterKubeconfigs holdingHeld =
          name -> {
            if (name.equals("held")) {
              gate.pass();
            }
            return clusters.kubeconfigFor(name);
          };
      RedisHandler handler = track(new RedisHandler(cluster.config(), clusters, holdingHeld));
      kit.start(config, handler);
      AppKey held = new AppKey("held", cluster.namespace, "held");
      AppKey free = cluster.app("free");

      EnsureRedis heldEnsure = RedisTestCluster.ensure(held, "256Mi");
      kit.send(heldEnsure);
      assertThat(gate.awaitReached()).isTrue();
      EnsureRedis freeEnsure = RedisTestCluster.ensure(free, "256Mi");
      kit.send(freeEnsure);

      assertThat(kit.awaitResult(freeEnsure).outcome()).isEqualTo(Outcome.CREATED);
      assertThat(cluster.releaseRevisions("free-redis")).containsExactly("1:deployed");
      assertThat(kit.resultsFor(heldEnsure.actionId())).isEmpty();
      assertThat(heldServer.client().secrets().inNamespace(cluster.namespace).list().getItems())
          .extracting(secret -> secret.getMetadata().getName())
          .containsExactly("held-redis-auth");
      gate.open();
      assertThat(kit.awaitResult(heldEnsure).outcome()).isEqualTo(Outcome.CREATED);
      assertThat(
              heldServer
                  .client()
                  .apps()
                  .statefulSets()
                  .inNamespace(cluster.namespace)
                  .withName("held-redis")
                  .get())
          .isNotNull();
    }
  }

  @Test
  void twoInstancesShareThePartitionsAndOneThatStopsHandsItsAppsOver() throws Exception {
    TwoInstances instances = TwoInstances.start(kit, 2, config, this::handler);
    List<AppKey> apps =
        kit.onePerPartition(
            () -> cluster.app("shared-" + UUID.randomUUID().toString().substring(0, 6)));

    for (AppKey app : apps) {
      kit.send(RedisTestCluster.ensure(app, "256Mi"));
    }
    for (AppKey app : apps) {
      EnsureRedis ensure = RedisTestCluster.ensure(app, "256Mi");
      assertThat(kit.awaitResult(ensure).outcome()).isEqualTo(Outcome.CREATED);
      assertThat(instances.ownerOf(app).startedCount(ensure)).isEqualTo(1);
      assertThat(instances.otherThanOwnerOf(app).startedCount(ensure)).isZero();
    }

    AppKey handedOver = instances.heldByFirst(apps);
    instances.stopFirst();
    EnsureRedis bigger = RedisTestCluster.ensure(handedOver, "512Mi");
    kit.send(bigger);

    assertThat(kit.awaitResult(bigger).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(instances.secondHandler().startedCount(bigger)).isEqualTo(1);
    assertThat(instances.firstHandler().startedCount(bigger)).isZero();
    assertThat(cluster.releaseRevisions(handedOver.name() + "-redis"))
        .containsExactly("1:superseded", "2:deployed");
    kit.awaitAllCommitted(config.groupId());
  }

  private RedisHandler handler() {
    return track(cluster.handler(Clock.systemUTC()));
  }

  private <T extends AutoCloseable> T track(T handler) {
    handlers.add(handler);
    return handler;
  }

  private Gate gate() {
    Gate gate = new Gate();
    gates.add(gate);
    return gate;
  }
}

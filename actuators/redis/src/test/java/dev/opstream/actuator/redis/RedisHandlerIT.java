package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import dev.opstream.actuator.runner.ActuatorException;
import dev.opstream.actuator.runner.Effect;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import dev.opstream.localstack.kube.KubeApiServer;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeleteRedis;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Redis actuator against the in-process API server, with real Helm and the real chart. */
@ExtendWith(KubeApiServerExtension.class)
class RedisHandlerIT {

  private RedisTestCluster cluster;
  private RedisHandler handler;

  @BeforeEach
  void setUp(KubeApiServer server, @TempDir Path dir) {
    cluster = new RedisTestCluster(server, dir);
    handler = cluster.handler(Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    handler.close();
    cluster.close();
  }

  @Test
  void ensureInstallsOnceThenReportsNoop() {
    AppKey app = cluster.app("cart");

    Effect first = handler.handle(RedisTestCluster.ensure(app, "256Mi"));

    assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(first.observed().exists()).isTrue();
    assertThat(first.observed().managedByOpstream()).isTrue();
    assertThat(first.observed().attributes())
        .containsEntry("release", "cart-redis")
        .containsEntry("memory", "256Mi")
        .containsEntry("revision", "1")
        .containsEntry("status", "deployed")
        .containsEntry("chartVersion", "0.1.0")
        .containsEntry("workload", "present")
        .containsEntry("passwordSecret", "present")
        .containsKey("valuesDigest");
    Secret secret = cluster.secret("cart-redis-auth");
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "opstream");
    assertThat(password(secret)).matches("[A-Za-z0-9]{40}");
    Container redis = redisContainer("cart-redis");
    assertThat(redis.getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
    assertThat(redis.getArgs())
        .containsSequence("--maxmemory", "201326592")
        .containsSequence("--requirepass", "$(REDIS_PASSWORD)");
    assertThat(redis.getEnv().get(0).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("cart-redis-auth");
    assertThat(
            cluster.client.services().inNamespace(cluster.namespace).withName("cart-redis").get())
        .isNotNull();

    Effect second = handler.handle(RedisTestCluster.ensure(app, "256Mi"));

    assertThat(second.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(second.observed()).isEqualTo(first.observed());
    assertThat(cluster.releaseRevisions("cart-redis")).containsExactly("1:deployed");
    Secret after = cluster.secret("cart-redis-auth");
    assertThat(after.getMetadata().getUid()).isEqualTo(secret.getMetadata().getUid());
    assertThat(password(after)).isEqualTo(password(secret));
  }

  @Test
  void changedMemoryUpgradesTheReleaseAndKeepsThePassword() {
    AppKey app = cluster.app("shop");
    handler.handle(RedisTestCluster.ensure(app, "256Mi"));
    String password = password(cluster.secret("shop-redis-auth"));

    Effect changed = handler.handle(RedisTestCluster.ensure(app, "512Mi"));

    assertThat(changed.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(changed.observed().attributes())
        .containsEntry("memory", "512Mi")
        .containsEntry("revision", "2");
    Container redis = redisContainer("shop-redis");
    assertThat(redis.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
    assertThat(redis.getArgs()).containsSequence("--maxmemory", "402653184");
    assertThat(password(cluster.secret("shop-redis-auth"))).isEqualTo(password);
    assertThat(cluster.releaseRevisions("shop-redis"))
        .containsExactly("1:superseded", "2:deployed");
    assertThat(handler.handle(RedisTestCluster.ensure(app, "512Mi")).outcome())
        .isEqualTo(Outcome.NOOP);
  }

  @Test
  void releaseUninstalledBehindOpstreamsBackIsInstalledAgain() throws Exception {
    AppKey app = cluster.app("gone");
    handler.handle(RedisTestCluster.ensure(app, "256Mi"));
    helmDirectly(
        () ->
            Helm.uninstall("gone-redis")
                .withNamespace(cluster.namespace)
                .withKubeConfig(cluster.kubeconfig)
                .call());
    assertThat(cluster.statefulSet("gone-redis")).isNull();

    Effect again = handler.handle(RedisTestCluster.ensure(app, "256Mi"));

    assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(cluster.statefulSet("gone-redis")).isNotNull();
    assertThat(cluster.releaseRevisions("gone-redis")).containsExactly("1:deployed");
  }

  @Test
  void statefulSetDeletedBehindOpstreamsBackIsRestored() {
    AppKey app = cluster.app("lost");
    handler.handle(RedisTestCluster.ensure(app, "256Mi"));
    cluster
        .client
        .apps()
        .statefulSets()
        .inNamespace(cluster.namespace)
        .withName("lost-redis")
        .delete();
    assertThat(
            handler
                .handle(
                    Observe.of(app, "uid-lost", ActionKind.REDIS, "lost-redis", "ce-1", "drift"))
                .observed()
                .attributes())
        .containsEntry("workload", "missing");

    Effect repaired = handler.handle(RedisTestCluster.ensure(app, "256Mi"));

    assertThat(repaired.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(repaired.observed().attributes()).containsEntry("workload", "present");
    assertThat(cluster.statefulSet("lost-redis")).isNotNull();
  }

  @Test
  void secretDeletedBehindOpstreamsBackIsRecreatedAndRollsThePod() {
    AppKey app = cluster.app("rotate");
    handler.handle(RedisTestCluster.ensure(app, "256Mi"));
    Secret old = cluster.secret("rotate-redis-auth");
    String oldAnnotation = podAnnotation("rotate-redis");
    cluster.client.secrets().inNamespace(cluster.namespace).withName("rotate-redis-auth").delete();

    Effect effect = handler.handle(RedisTestCluster.ensure(app, "256Mi"));

    assertThat(effect.outcome()).isEqualTo(Outcome.UPDATED);
    Secret recreated = cluster.secret("rotate-redis-auth");
    assertThat(recreated.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());
    assertThat(podAnnotation("rotate-redis"))
        .isEqualTo(recreated.getMetadata().getUid())
        .isNotEqualTo(oldAnnotation);
  }

  @Test
  void deleteUninstallsAndRemovesTheSecretThenReportsNoop() {
    AppKey app = cluster.app("bye");
    handler.handle(RedisTestCluster.ensure(app, "256Mi"));
    DeleteRedis delete =
        DeleteRedis.of(app, "uid-bye", "bye-redis", "bye-redis-auth", "ce-2", "disabled");

    Effect first = handler.handle(delete);

    assertThat(first.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(first.observed()).isEqualTo(ResourceState.absent());
    assertThat(cluster.statefulSet("bye-redis")).isNull();
    assertThat(cluster.client.services().inNamespace(cluster.namespace).withName("bye-redis").get())
        .isNull();
    assertThat(
            cluster
                .client
                .secrets()
                .inNamespace(cluster.namespace)
                .withName("bye-redis-auth")
                .get())
        .isNull();
    assertThat(cluster.releaseRevisions("bye-redis")).isEmpty();

    Effect second = handler.handle(delete);

    assertThat(second.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(second.observed()).isEqualTo(ResourceState.absent());
  }

  @Test
  void foreignSecretIsAPermanentFailureAndStaysUntouched() {
    AppKey app = cluster.app("theirs");
    Secret foreign =
        cluster
            .client
            .secrets()
            .inNamespace(cluster.namespace)
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("theirs-redis-auth")
                    .endMetadata()
                    .withStringData(Map.of("password", "their-password"))
                    .build())
            .create();

    assertPermanent(
        () -> handler.handle(RedisTestCluster.ensure(app, "256Mi")),
        "Secret " + cluster.namespace + "/theirs-redis-auth exists and is not managed by opstream");
    assertPermanent(
        () ->
            handler.handle(
                DeleteRedis.of(
                    app, "uid", "theirs-redis", "theirs-redis-auth", "ce-3", "disabled")),
        "opstream will not delete it");

    Secret after = cluster.secret("theirs-redis-auth");
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(cluster.releaseRevisions("theirs-redis")).isEmpty();
    assertThat(cluster.statefulSet("theirs-redis")).isNull();
  }

  @Test
  void foreignReleaseIsAPermanentFailureAndStaysUntouched() throws Exception {
    AppKey app = cluster.app("other");
    Path foreignChart =
        Path.of(
                Objects.requireNonNull(
                        RedisHandlerIT.class.getResource("/charts/foreign/Chart.yaml"))
                    .toURI())
            .getParent();
    helmDirectly(
        () ->
            new Helm(foreignChart)
                .install()
                .withName("other-redis")
                .withNamespace(cluster.namespace)
                .withKubeConfig(cluster.kubeconfig)
                .disableOpenApiValidation()
                .call());

    assertPermanent(
        () -> handler.handle(RedisTestCluster.ensure(app, "256Mi")),
        "Helm release "
            + cluster.namespace
            + "/other-redis (chart someone-elses-redis-3.1.4) exists and was not installed by"
            + " opstream");
    assertPermanent(
        () ->
            handler.handle(
                DeleteRedis.of(app, "uid", "other-redis", "other-redis-auth", "ce-4", "gone")),
        "opstream will not delete it");

    assertThat(cluster.releaseRevisions("other-redis")).containsExactly("1:deployed");
    assertThat(
            cluster.client.services().inNamespace(cluster.namespace).withName("other-redis").get())
        .isNotNull();
    Effect observed =
        handler.handle(Observe.of(app, "uid", ActionKind.REDIS, "other-redis", "ce-5", "drift"));
    assertThat(observed.observed().exists()).isTrue();
    assertThat(observed.observed().managedByOpstream()).isFalse();
  }

  @Test
  void foreignObjectInTheWayIsAPermanentFailure() {
    AppKey app = cluster.app("squat");
    cluster
        .client
        .services()
        .inNamespace(cluster.namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata()
                .withName("squat-redis")
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(6379)
                .endPort()
                .endSpec()
                .build())
        .create();

    assertPermanent(
        () -> handler.handle(RedisTestCluster.ensure(app, "256Mi")),
        "cannot be imported into the current release");
    assertThat(
            cluster
                .client
                .services()
                .inNamespace(cluster.namespace)
                .withName("squat-redis")
                .get()
                .getMetadata()
                .getAnnotations())
        .isNullOrEmpty();
  }

  @Test
  void unknownClusterIsAPermanentFailureNamingTheKnownOnes() {
    AppKey elsewhere = new AppKey("elsewhere", cluster.namespace, "cart");

    assertPermanent(
        () -> handler.handle(RedisTestCluster.ensure(elsewhere, "256Mi")),
        "unknown cluster 'elsewhere': this actuator knows only test");
  }

  @Test
  void invalidMemoryIsAPermanentFailureBeforeAnythingIsCreated() {
    AppKey app = cluster.app("tiny");

    assertPermanent(
        () -> handler.handle(RedisTestCluster.ensure(app, "1Mi")), "memory '1Mi' is too small");
    assertPermanent(
        () -> handler.handle(RedisTestCluster.ensure(app, "lots")),
        "memory 'lots' is not a Kubernetes quantity");
    assertThat(cluster.releaseRevisions("tiny-redis")).isEmpty();
  }

  @Test
  void pendingInstallLeftByACrashedRunIsUninstalledAndInstalledAgain() {
    AppKey app = cluster.app("crash");
    handler.handle(RedisTestCluster.ensure(app, "256Mi"));
    // What a run that died in the middle of helm install leaves: the release record says
    // pending-install and only part of the objects exist.
    markRevision("crash-redis", 1, "pending-install", Instant.now().minus(Duration.ofHours(1)));
    cluster
        .client
        .apps()
        .statefulSets()
        .inNamespace(cluster.namespace)
        .withName("crash-redis")
        .delete();
    assertThat(cluster.releaseRevisions("crash-redis")).containsExactly("1:pending-install");

    Effect recovered = handler.handle(RedisTestCluster.ensure(app, "256Mi"));

    assertThat(recovered.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(recovered.observed().attributes())
        .containsEntry("status", "deployed")
        .containsEntry("workload", "present");
    assertThat(cluster.releaseRevisions("crash-redis")).containsExactly("1:deployed");
    assertThat(cluster.statefulSet("crash-redis")).isNotNull();
  }

  @Test
  void pendingUpgradeLeftByACrashedRunIsMarkedFailedAndUpgraded() {
    AppKey app = cluster.app("stuck");
    handler.handle(RedisTestCluster.ensure(app, "256Mi"));
    handler.handle(RedisTestCluster.ensure(app, "512Mi"));
    markRevision("stuck-redis", 2, "pending-upgrade", Instant.now().minus(Duration.ofHours(1)));

    Effect recovered = handler.handle(RedisTestCluster.ensure(app, "512Mi"));

    assertThat(recovered.outcome()).isEqualTo(Outcome.UPDATED);
    // Revision 2 was marked failed; Helm upgraded from it and then marked it superseded.
    assertThat(cluster.releaseRevisions("stuck-redis"))
        .containsExactly("1:superseded", "2:superseded", "3:deployed");
    assertThat(
            ReleaseStorage.payload(cluster.secret("sh.helm.release.v1.stuck-redis.v2"))
                .path("info")
                .path("description")
                .asText())
        .startsWith("opstream: recovered from pending-upgrade");
    assertThat(handler.handle(RedisTestCluster.ensure(app, "512Mi")).outcome())
        .isEqualTo(Outcome.NOOP);
  }

  @Test
  void recentPendingReleaseIsRetryableAndLeftAlone() {
    AppKey app = cluster.app("busy");
    handler.handle(RedisTestCluster.ensure(app, "256Mi"));
    markRevision("busy-redis", 1, "pending-upgrade", Instant.now());

    assertThatThrownBy(() -> handler.handle(RedisTestCluster.ensure(app, "256Mi")))
        .isInstanceOfSatisfying(
            ActuatorException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ActuatorException.Reason.RETRYABLE);
              assertThat(e.getMessage())
                  .contains("busy-redis is pending-upgrade since")
                  .contains("another Helm operation may still be running");
            });
    assertThat(cluster.releaseRevisions("busy-redis")).containsExactly("1:pending-upgrade");
  }

  @Test
  void concurrentEnsuresOfSeveralAppsEachInstallOneRelease() throws Exception {
    List<AppKey> apps =
        List.of(cluster.app("p1"), cluster.app("p2"), cluster.app("p3"), cluster.app("p4"));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(apps.size());
    try {
      List<java.util.concurrent.Future<Effect>> effects =
          pool.invokeAll(
              apps.stream()
                  .map(
                      app ->
                          (Callable<Effect>)
                              () -> handler.handle(RedisTestCluster.ensure(app, "256Mi")))
                  .toList());
      for (java.util.concurrent.Future<Effect> effect : effects) {
        assertThat(effect.get(2, TimeUnit.MINUTES).outcome()).isEqualTo(Outcome.CREATED);
      }
    } finally {
      pool.shutdownNow();
    }
    for (AppKey app : apps) {
      assertThat(cluster.releaseRevisions(app.name() + "-redis")).containsExactly("1:deployed");
      assertThat(cluster.statefulSet(app.name() + "-redis")).isNotNull();
    }
  }

  @Test
  void observeReportsAnAbsentRelease() {
    AppKey app = cluster.app("never");

    Effect effect =
        handler.handle(Observe.of(app, "uid", ActionKind.REDIS, "never-redis", "ce-6", "drift"));

    assertThat(effect.outcome()).isEqualTo(Outcome.NOOP);
    assertThat(effect.observed()).isEqualTo(ResourceState.absent());
  }

  // ----- helpers -----

  private void markRevision(String release, int revision, String status, Instant modifiedAt) {
    Secret record = cluster.secret("sh.helm.release.v1." + release + ".v" + revision);
    ObjectNode payload = (ObjectNode) ReleaseStorage.payload(record);
    payload.withObjectProperty("info").put("status", status);
    record.getData().put("release", ReleaseStorage.encode(payload));
    record.getMetadata().getLabels().put("status", status);
    record.getMetadata().getLabels().put("modifiedAt", Long.toString(modifiedAt.getEpochSecond()));
    cluster.client.secrets().inNamespace(cluster.namespace).resource(record).update();
  }

  private static String password(Secret secret) {
    return new String(java.util.Base64.getDecoder().decode(secret.getData().get("password")));
  }

  private Container redisContainer(String release) {
    return cluster.statefulSet(release).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private String podAnnotation(String release) {
    return cluster
        .statefulSet(release)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get("opstream.dev/auth-secret-uid");
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

  /** Helm called by the test itself, as someone else would; the JVM's signals are restored. */
  private static <T> T helmDirectly(Callable<T> call) throws Exception {
    JvmSignalHandlers signals = JvmSignalHandlers.processWide();
    try {
      return CompletableFuture.supplyAsync(
              () -> {
                try {
                  return call.call();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              })
          .get(RedisTestCluster.HELM_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      signals.restore();
    }
  }
}

package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.RedisSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart as {@code helm template} renders it (no cluster), and {@code helm lint}. */
class RedisChartIT {

  private static final AppKey APP = AppKey.parse("prod/shop/cart");
  private static final RedisSpec SPEC = new RedisSpec("cart-redis", "512Mi", "cart-redis-auth");

  private Path chart;
  private HelmCalls calls;
  private HelmOperations helm;
  private RedisActuatorConfig config;

  @BeforeEach
  void setUp(@TempDir Path dir) {
    chart = BundledChart.extractTo(dir.resolve("chart"));
    config =
        new RedisActuatorConfig(
            ChartSource.directory(chart),
            "mirror.example/redis",
            "7.2.5",
            "4Gi",
            "fast-ssd",
            "allkeys-lru",
            75,
            "100m",
            Duration.ofSeconds(60),
            Duration.ofMinutes(10));
    calls = new HelmCalls(config.helmTimeout(), JvmSignalHandlers.processWide());
    helm = new HelmOperations(config.chart(), calls);
  }

  @AfterEach
  void tearDown() {
    calls.close();
    // Some tests call Helm directly: give the JVM its signal handlers back.
    JvmSignalHandlers.processWide().restore();
  }

  @Test
  void rendersAStatefulSetWithTheAppsMemoryPasswordAndVolume() throws Exception {
    ReleaseValues values = values("uid-7");
    StatefulSet sts = render(values, StatefulSet.class).get(0);

    assertThat(sts.getMetadata().getName()).isEqualTo("cart-redis");
    assertThat(sts.getMetadata().getAnnotations())
        .containsEntry("opstream.dev/values-digest", values.digest())
        .containsEntry("opstream.dev/app", "prod/shop/cart");
    assertThat(sts.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "redis")
        .containsEntry("app.kubernetes.io/instance", "cart-redis")
        .containsEntry("app.kubernetes.io/version", "7.2.5")
        .containsEntry("helm.sh/chart", "opstream-redis-0.1.0")
        .containsEntry("opstream.dev/managed-by", "opstream");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
    assertThat(sts.getSpec().getServiceName()).isEqualTo("cart-redis-headless");
    assertThat(sts.getSpec().getSelector().getMatchLabels())
        .isEqualTo(
            Map.of("app.kubernetes.io/name", "redis", "app.kubernetes.io/instance", "cart-redis"));
    assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(sts.getSpec().getSelector().getMatchLabels());
    assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("opstream.dev/auth-secret-uid", "uid-7");
    assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
        .isEqualTo("Delete");

    Container redis = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(redis.getImage()).isEqualTo("mirror.example/redis:7.2.5");
    assertThat(redis.getCommand()).containsExactly("redis-server");
    assertThat(redis.getArgs())
        .containsSequence("--requirepass", "$(REDIS_PASSWORD)")
        .containsSequence("--maxmemory", "402653184")
        .containsSequence("--maxmemory-policy", "allkeys-lru")
        .containsSequence("--appendonly", "yes")
        .containsSequence("--dir", "/data");
    assertThat(redis.getEnv())
        .allSatisfy(
            env -> {
              assertThat(env.getValueFrom().getSecretKeyRef().getName())
                  .isEqualTo("cart-redis-auth");
              assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
            })
        .extracting(e -> e.getName())
        .containsExactly("REDIS_PASSWORD", "REDISCLI_AUTH");
    assertThat(redis.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
    assertThat(redis.getResources().getRequests().get("memory").toString()).isEqualTo("512Mi");
    assertThat(redis.getResources().getRequests().get("cpu").toString()).isEqualTo("100m");
    assertThat(redis.getResources().getLimits()).doesNotContainKey("cpu");
    assertThat(redis.getReadinessProbe().getExec().getCommand())
        .last()
        .asString()
        .contains("redis-cli -h 127.0.0.1 -p 6379 ping");
    assertThat(redis.getLivenessProbe().getExec().getCommand())
        .last()
        .asString()
        .contains("redis-cli -h 127.0.0.1 -p 6379 ping");
    assertThat(redis.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(redis.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/data");

    PersistentVolumeClaim data = sts.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(data.getMetadata().getName()).isEqualTo("data");
    assertThat(data.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
    assertThat(data.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("4Gi");
  }

  @Test
  void rendersAServiceNamedAfterTheReleaseOnPort6379AndAHeadlessOne() throws Exception {
    List<Service> services = render(values("uid"), Service.class);

    assertThat(services)
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("cart-redis", "cart-redis-headless");
    Service main = services.get(0);
    assertThat(main.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPort()).isEqualTo(6379);
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("redis");
            });
    assertThat(main.getSpec().getSelector())
        .isEqualTo(
            Map.of("app.kubernetes.io/name", "redis", "app.kubernetes.io/instance", "cart-redis"));
    assertThat(services.get(1).getSpec().getClusterIP()).isEqualTo("None");
  }

  @Test
  void withoutAStorageClassTheClusterDefaultIsUsed() throws Exception {
    RedisActuatorConfig noClass =
        new RedisActuatorConfig(
            config.chart(),
            "redis",
            "7.4.2",
            "1Gi",
            "",
            "noeviction",
            75,
            "50m",
            config.helmTimeout(),
            config.pendingGracePeriod());
    ReleaseValues values =
        ReleaseValues.desired(
            APP, SPEC, noClass, "uid", ReleaseValues.Persistence.configured(noClass));

    StatefulSet sts = render(values, StatefulSet.class).get(0);

    assertThat(sts.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName())
        .isNull();
  }

  @Test
  void theValuesSchemaRefusesBadValues() {
    assertThatThrownBy(
            () ->
                new Helm(chart)
                    .template()
                    .withName("cart-redis")
                    .set("redis.maxmemoryPolicy", "lru-please")
                    .call())
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("maxmemoryPolicy");
    assertThatThrownBy(
            () ->
                new Helm(chart)
                    .template()
                    .withName("cart-redis")
                    .set("redis.maxmemory", 1000)
                    .call())
        .hasMessageContaining("maxmemory");
    assertThatThrownBy(
            () -> new Helm(chart).template().withName("cart-redis").set("replicas", 3).call())
        .hasMessageContaining("replicas");
  }

  @Test
  void passesHelmLintStrict() {
    LintResult lint = new Helm(chart).lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void warmUpRendersTheChartAndRefusesABrokenOne() throws Exception {
    RedisActuatorConfig bundled = config;
    try (RedisHandler handler = new RedisHandler(bundled, null, null)) {
      handler.warmUp();
    }
    java.nio.file.Files.writeString(
        chart.resolve("templates/030-Broken.yaml"), "kind: {{ .Values.nope.nope }}\n");
    try (RedisHandler handler = new RedisHandler(bundled, null, null)) {
      assertThatThrownBy(handler::warmUp)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("does not render")
          .hasMessageContaining("030-Broken.yaml");
    }
  }

  private ReleaseValues values(String secretUid) {
    return ReleaseValues.desired(
        APP, SPEC, config, secretUid, ReleaseValues.Persistence.configured(config));
  }

  private <T extends HasMetadata> List<T> render(ReleaseValues values, Class<T> type)
      throws Exception {
    String manifests = helm.template("shop", "cart-redis", values);
    KubernetesSerialization yaml = new KubernetesSerialization();
    return Arrays.stream(manifests.split("(?m)^---\\s*$"))
        .map(String::strip)
        .filter(doc -> doc.contains("kind:"))
        .map(doc -> (HasMetadata) yaml.unmarshal(doc))
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }
}

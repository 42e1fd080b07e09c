package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.RedisSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseValuesTest {

  private static final AppKey APP = AppKey.parse("prod/shop/cart");
  private static final RedisSpec SPEC = new RedisSpec("cart-redis", "256Mi", "cart-redis-auth");
  private static final RedisActuatorConfig CONFIG =
      RedisActuatorConfig.defaults(
          new ChartSource(
              java.util.Optional.of(Path.of("/chart")), java.util.Optional.empty(), "0.1.0"));
  private static final ReleaseValues.Persistence VOLUME =
      ReleaseValues.Persistence.configured(CONFIG);

  @Test
  void holdsWhatTheChartNeedsAndNoPassword() {
    ReleaseValues values = ReleaseValues.desired(APP, SPEC, CONFIG, "uid-1", VOLUME);

    assertThat(values.tree())
        .containsEntry(
            "auth",
            Map.of(
                "existingSecret",
                "cart-redis-auth",
                "passwordKey",
                "password",
                "secretUid",
                "uid-1"))
        .containsEntry("resources", Map.of("memory", "256Mi", "cpu", "50m"))
        .containsEntry(
            "redis",
            Map.of("maxmemory", 201326592L, "maxmemoryPolicy", "noeviction", "appendonly", true))
        .containsEntry(
            "persistence", Map.of("size", "1Gi", "storageClass", "", "deleteOnUninstall", true))
        .containsEntry(
            "opstream",
            Map.of(
                "managedBy", "opstream", "app", "prod/shop/cart", "valuesDigest", values.digest()));
    assertThat(values.json()).doesNotContainIgnoringCase("requirepass");
    assertThat(values.digest()).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void digestIsTheDigestOfEverythingButItself() {
    ReleaseValues values = ReleaseValues.desired(APP, SPEC, CONFIG, "uid-1", VOLUME);
    Map<String, Object> withoutDigest = new HashMap<>(values.tree());
    Map<String, Object> opstream =
        new HashMap<>((Map<String, Object>) values.tree().get("opstream"));
    opstream.remove(ReleaseValues.DIGEST_KEY);
    withoutDigest.put("opstream", opstream);

    assertThat(ReleaseValues.digest(withoutDigest)).isEqualTo(values.digest());
  }

  @Test
  void sameInputsGiveTheSameDigestWhateverTheMapOrder() {
    Map<String, Object> a = new java.util.LinkedHashMap<>();
    a.put("b", Map.of("y", 1, "x", 2));
    a.put("a", "1");
    Map<String, Object> b = new java.util.TreeMap<>(a);

    assertThat(ReleaseValues.digest(a)).isEqualTo(ReleaseValues.digest(b));
    assertThat(ReleaseValues.desired(APP, SPEC, CONFIG, "uid-1", VOLUME))
        .isEqualTo(ReleaseValues.desired(APP, SPEC, CONFIG, "uid-1", VOLUME));
  }

  @Test
  void memoryPasswordSecretAndImageChangeTheDigest() {
    String base = ReleaseValues.desired(APP, SPEC, CONFIG, "uid-1", VOLUME).digest();

    assertThat(
            ReleaseValues.desired(
                    APP,
                    new RedisSpec("cart-redis", "512Mi", "cart-redis-auth"),
                    CONFIG,
                    "uid-1",
                    VOLUME)
                .digest())
        .isNotEqualTo(base);
    assertThat(ReleaseValues.desired(APP, SPEC, CONFIG, "uid-2", VOLUME).digest())
        .isNotEqualTo(base);
    RedisActuatorConfig newerRedis =
        new RedisActuatorConfig(
            CONFIG.chart(),
            "redis",
            "8.0.0",
            "1Gi",
            "",
            "noeviction",
            75,
            "50m",
            CONFIG.helmTimeout(),
            CONFIG.pendingGracePeriod());
    assertThat(ReleaseValues.desired(APP, SPEC, newerRedis, "uid-1", VOLUME).digest())
        .isNotEqualTo(base);
  }

  @Test
  void anInstalledReleaseKeepsItsVolumeSettings() {
    Map<String, Object> installed =
        Map.of("persistence", Map.of("size", "5Gi", "storageClass", "fast"));

    assertThat(ReleaseValues.Persistence.of(installed))
        .contains(new ReleaseValues.Persistence("5Gi", "fast"));
    assertThat(ReleaseValues.Persistence.of(Map.of("persistence", Map.of("size", "2Gi"))))
        .contains(new ReleaseValues.Persistence("2Gi", ""));
    assertThat(ReleaseValues.Persistence.of(Map.of())).isEmpty();
  }
}

package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisActuatorConfigTest {

  @TempDir Path dir;

  @Test
  void defaultsToTheBundledChart() {
    RedisActuatorConfig config = RedisActuatorConfig.fromEnv(Map.of(), dir.resolve("chart"));

    assertThat(config.chart().directory()).contains(dir.resolve("chart").toAbsolutePath());
    assertThat(config.chart().version()).isEqualTo("0.1.0");
    assertThat(Files.exists(dir.resolve("chart/templates/020-StatefulSet.yaml"))).isTrue();
    assertThat(Files.exists(dir.resolve("chart/values.schema.json"))).isTrue();
    assertThat(config.imageRepository()).isEqualTo("redis");
    assertThat(config.maxmemoryPercent()).isEqualTo(75);
    assertThat(config.helmTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void readsEverySettingFromTheEnvironment() {
    RedisActuatorConfig config =
        RedisActuatorConfig.fromEnv(
            Map.of(
                "OPSTREAM_REDIS_CHART", "oci://registry.example/charts/redis",
                "OPSTREAM_REDIS_CHART_VERSION", "2.3.4",
                "OPSTREAM_REDIS_IMAGE", "registry.example:5000/mirror/redis:7.2.5",
                "OPSTREAM_REDIS_PERSISTENCE_SIZE", "8Gi",
                "OPSTREAM_REDIS_STORAGE_CLASS", "fast",
                "OPSTREAM_REDIS_MAXMEMORY_POLICY", "allkeys-lru",
                "OPSTREAM_REDIS_MAXMEMORY_PERCENT", "60",
                "OPSTREAM_REDIS_CPU_REQUEST", "200m",
                "OPSTREAM_REDIS_HELM_TIMEOUT", "PT45S",
                "OPSTREAM_REDIS_PENDING_GRACE", "300"),
            dir);

    assertThat(config.chart().reference()).contains("oci://registry.example/charts/redis");
    assertThat(config.chart().version()).isEqualTo("2.3.4");
    assertThat(config.imageRepository()).isEqualTo("registry.example:5000/mirror/redis");
    assertThat(config.imageTag()).isEqualTo("7.2.5");
    assertThat(config.persistenceSize()).isEqualTo("8Gi");
    assertThat(config.storageClass()).isEqualTo("fast");
    assertThat(config.maxmemoryPolicy()).isEqualTo("allkeys-lru");
    assertThat(config.maxmemoryPercent()).isEqualTo(60);
    assertThat(config.cpuRequest()).isEqualTo("200m");
    assertThat(config.helmTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.pendingGracePeriod()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aChartReferenceMustPinItsVersion() {
    assertThatThrownBy(
            () ->
                RedisActuatorConfig.fromEnv(
                    Map.of("OPSTREAM_REDIS_CHART", "oci://registry.example/charts/redis"), dir))
        .hasMessageContaining("pin its version with OPSTREAM_REDIS_CHART_VERSION");
  }

  @Test
  void refusesSettingsRedisOrTheChartWouldRefuse() {
    assertThatThrownBy(
            () ->
                RedisActuatorConfig.fromEnv(
                    Map.of("OPSTREAM_REDIS_MAXMEMORY_POLICY", "lru"), dir.resolve("c1")))
        .hasMessageContaining("maxmemoryPolicy must be one of");
    assertThatThrownBy(
            () ->
                RedisActuatorConfig.fromEnv(
                    Map.of("OPSTREAM_REDIS_MAXMEMORY_PERCENT", "100"), dir.resolve("c2")))
        .hasMessageContaining("between 10 and 95");
    assertThatThrownBy(
            () ->
                RedisActuatorConfig.fromEnv(
                    Map.of("OPSTREAM_REDIS_IMAGE", "redis"), dir.resolve("c3")))
        .hasMessageContaining("repository:tag");
  }
}

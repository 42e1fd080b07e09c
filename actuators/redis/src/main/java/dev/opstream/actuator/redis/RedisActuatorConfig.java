package dev.opstream.actuator.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How the Redis actuator installs releases. Everything that is not per app (per app: memory, names)
 * comes from here.
 *
 * @param chart the chart to install
 * @param imageRepository the Redis image repository, e.g. {@code redis}
 * @param imageTag the Redis image tag
 * @param persistenceSize the volume size of a new release (kept for existing releases: a
 *     StatefulSet's volume claim templates cannot change)
 * @param storageClass the StorageClass of a new release's volume; empty for the cluster default
 * @param maxmemoryPolicy Redis {@code maxmemory-policy}
 * @param maxmemoryPercent Redis {@code maxmemory} as a percentage of the container's memory limit
 *     (the rest is headroom for fragmentation, buffers and the append-only file rewrite)
 * @param cpuRequest the Redis container's CPU request
 * @param helmTimeout how long one Helm call may take before the action fails as retryable
 * @param pendingGracePeriod how old a release stuck in {@code pending-*} must be before it is
 *     recovered: younger, another Helm operation may still be running on it
 */
public record RedisActuatorConfig(
    ChartSource chart,
    String imageRepository,
    String imageTag,
    String persistenceSize,
    String storageClass,
    String maxmemoryPolicy,
    int maxmemoryPercent,
    String cpuRequest,
    Duration helmTimeout,
    Duration pendingGracePeriod) {

  static final Set<String> MAXMEMORY_POLICIES =
      Set.of(
          "noeviction",
          "allkeys-lru",
          "allkeys-lfu",
          "allkeys-random",
          "volatile-lru",
          "volatile-lfu",
          "volatile-random",
          "volatile-ttl");

  public RedisActuatorConfig {
    Objects.requireNonNull(chart, "chart");
    requireText(imageRepository, "imageRepository");
    requireText(imageTag, "imageTag");
    requireText(persistenceSize, "persistenceSize");
    Objects.requireNonNull(storageClass, "storageClass");
    if (!MAXMEMORY_POLICIES.contains(maxmemoryPolicy)) {
      throw new IllegalArgumentException(
          "maxmemoryPolicy must be one of " + MAXMEMORY_POLICIES + ", was " + maxmemoryPolicy);
    }
    if (maxmemoryPercent < 10 || maxmemoryPercent > 95) {
      throw new IllegalArgumentException(
          "maxmemoryPercent must be between 10 and 95, was " + maxmemoryPercent);
    }
    requireText(cpuRequest, "cpuRequest");
    requirePositive(helmTimeout, "helmTimeout");
    Objects.requireNonNull(pendingGracePeriod, "pendingGracePeriod");
    if (pendingGracePeriod.isNegative()) {
      throw new IllegalArgumentException("pendingGracePeriod must not be negative");
    }
  }

  /** The defaults, installing {@code chart}. */
  public static RedisActuatorConfig defaults(ChartSource chart) {
    return new RedisActuatorConfig(
        chart,
        "redis",
        "7.4.2",
        "1Gi",
        "",
        "noeviction",
        75,
        "50m",
        Duration.ofSeconds(120),
        Duration.ofMinutes(10));
  }

  /**
   * From the environment; every variable is optional:
   *
   * <ul>
   *   <li>{@code OPSTREAM_REDIS_CHART}: a chart directory, or a chart reference ({@code oci://},
   *       {@code https://} or {@code repo/name}) with {@code OPSTREAM_REDIS_CHART_VERSION}; unset:
   *       the chart bundled in this jar, extracted to {@code bundledChartDirectory}
   *   <li>{@code OPSTREAM_REDIS_IMAGE} ({@code repository:tag}), {@code
   *       OPSTREAM_REDIS_PERSISTENCE_SIZE}, {@code OPSTREAM_REDIS_STORAGE_CLASS}, {@code
   *       OPSTREAM_REDIS_MAXMEMORY_POLICY}, {@code OPSTREAM_REDIS_MAXMEMORY_PERCENT}, {@code
   *       OPSTREAM_REDIS_CPU_REQUEST}
   *   <li>{@code OPSTREAM_REDIS_HELM_TIMEOUT} and {@code OPSTREAM_REDIS_PENDING_GRACE} as ISO-8601
   *       durations ({@code PT2M}) or seconds
   * </ul>
   */
  public static RedisActuatorConfig fromEnv(Map<String, String> env, Path bundledChartDirectory) {
    Function<String, Optional<String>> get =
        name -> Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    ChartSource chart =
        get.apply("OPSTREAM_REDIS_CHART")
            .map(value -> chart(value, get.apply("OPSTREAM_REDIS_CHART_VERSION")))
            .orElseGet(() -> ChartSource.directory(BundledChart.extractTo(bundledChartDirectory)));
    RedisActuatorConfig d = defaults(chart);
    String image = get.apply("OPSTREAM_REDIS_IMAGE").orElse(d.imageRepository + ":" + d.imageTag);
    int colon = image.lastIndexOf(':');
    if (colon <= 0 || colon < image.lastIndexOf('/')) {
      throw new IllegalArgumentException(
          "OPSTREAM_REDIS_IMAGE must be repository:tag, was " + image);
    }
    return new RedisActuatorConfig(
        chart,
        image.substring(0, colon),
        image.substring(colon + 1),
        get.apply("OPSTREAM_REDIS_PERSISTENCE_SIZE").orElse(d.persistenceSize),
        Optional.ofNullable(env.get("OPSTREAM_REDIS_STORAGE_CLASS"))
            .map(String::strip)
            .orElse(d.storageClass),
        get.apply("OPSTREAM_REDIS_MAXMEMORY_POLICY").orElse(d.maxmemoryPolicy),
        get.apply("OPSTREAM_REDIS_MAXMEMORY_PERCENT")
            .map(Integer::parseInt)
            .orElse(d.maxmemoryPercent),
        get.apply("OPSTREAM_REDIS_CPU_REQUEST").orElse(d.cpuRequest),
        get.apply("OPSTREAM_REDIS_HELM_TIMEOUT")
            .map(RedisActuatorConfig::duration)
            .orElse(d.helmTimeout),
        get.apply("OPSTREAM_REDIS_PENDING_GRACE")
            .map(RedisActuatorConfig::duration)
            .orElse(d.pendingGracePeriod));
  }

  /** This configuration with another chart. */
  public RedisActuatorConfig withChart(ChartSource chart) {
    return new RedisActuatorConfig(
        chart,
        imageRepository,
        imageTag,
        persistenceSize,
        storageClass,
        maxmemoryPolicy,
        maxmemoryPercent,
        cpuRequest,
        helmTimeout,
        pendingGracePeriod);
  }

  /** This configuration with other timeouts. */
  public RedisActuatorConfig withTimeouts(Duration helmTimeout, Duration pendingGracePeriod) {
    return new RedisActuatorConfig(
        chart,
        imageRepository,
        imageTag,
        persistenceSize,
        storageClass,
        maxmemoryPolicy,
        maxmemoryPercent,
        cpuRequest,
        helmTimeout,
        pendingGracePeriod);
  }

  private static ChartSource chart(String value, Optional<String> version) {
    Path path = Path.of(value);
    boolean reference = value.contains("://") || !java.nio.file.Files.isDirectory(path);
    if (!reference) {
      return ChartSource.directory(path);
    }
    return ChartSource.reference(
        value,
        version.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "OPSTREAM_REDIS_CHART is a chart reference ("
                        + value
                        + "): pin its version with OPSTREAM_REDIS_CHART_VERSION")));
  }

  private static Duration duration(String text) {
    return text.startsWith("P") || text.startsWith("p")
        ? Duration.parse(text)
        : Duration.ofSeconds(Long.parseLong(text));
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}

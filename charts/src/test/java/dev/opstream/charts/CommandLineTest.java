package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.actuator.bucket.BucketConfig;
import dev.opstream.actuator.cronjob.CronJobActuatorConfig;
import dev.opstream.actuator.redis.RedisActuatorConfig;
import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.actuator.runner.clusters.ClusterAccess;
import dev.opstream.cli.OpstreamCommand;
import dev.opstream.planner.PlannerConfig;
import dev.opstream.topics.CatalogueConfig;
import dev.opstream.watcher.config.WatcherConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ParseResult;

/**
 * Every container the chart renders runs a command line the real {@code opstream} command accepts,
 * and reads only environment variables the code reads.
 */
class CommandLineTest {

  /** Variables the platform reads, not opstream's code: the JVM, the AWS SDK, the shell. */
  private static final Set<String> PLATFORM_VARIABLES =
      Set.of("HOME", "JAVA_TOOL_OPTIONS", "POD_IP", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

  static Stream<Named> setups() {
    return Stream.of(
        new Named("required values", OpstreamChart.withRequiredValues()),
        new Named(
            "scaled setup",
            OpstreamChart.withNoValues().values("src/test/resources/scaled-values.yaml")),
        new Named(
            "KEDA example",
            OpstreamChart.withRequiredValues().values("opstream/examples/keda/values-keda.yaml")),
        new Named(
            "S3 credentials from a Secret",
            OpstreamChart.withRequiredValues()
                .set("s3.endpoint", "http://minio.storage:9000")
                .set("s3.pathStyle", true)
                .set("s3.credentialsSecret", "opstream-s3")
                .set("planner.pauseAll", true)
                .set("watcher.leaderElection", false)
                .set("watcher.reportEvents", false)
                .set("actuators.redis.groupId", "opstream-actuator-redis-blue")));
  }

  record Named(String name, OpstreamChart chart) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void everyContainersArgumentsParseWithTheRealCommandLine(Named setup) {
    assertEveryContainerParses(setup.chart().withHooks().render());
  }

  /** Every workload's arguments parse with the real {@code opstream} command line. */
  static void assertEveryContainerParses(Rendered rendered) {
    for (Rendered.Workload workload : rendered.workloads()) {
      List<String> args = workload.container().getArgs();
      ParseResult result = OpstreamCommand.commandLine().parseArgs(args.toArray(String[]::new));

      List<String> path = new java.util.ArrayList<>();
      for (ParseResult level = result.subcommand(); level != null; level = level.subcommand()) {
        assertThat(level.unmatched()).as(workload.name()).isEmpty();
        path.add(level.commandSpec().name());
      }
      assertThat(String.join(" ", path))
          .as(workload.name() + " runs " + args)
          .isEqualTo(expectedCommand(workload.name()));
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void everyEnvironmentVariableIsOneTheCodeReads(Named setup) {
    Set<String> known = new HashSet<>(PLATFORM_VARIABLES);
    known.addAll(
        constants(
            WatcherConfig.class,
            PlannerConfig.class,
            RunnerConfig.class,
            BucketConfig.class,
            ClusterAccess.class,
            CatalogueConfig.class));
    for (Rendered.Workload workload : setup.chart().withHooks().render().workloads()) {
      for (EnvVar env : workload.container().getEnv()) {
        boolean readByItsConfig =
            env.getName().startsWith("OPSTREAM_REDIS_") && workload.name().endsWith("redis")
                || env.getName().startsWith("OPSTREAM_BACKUP_")
                    && workload.name().endsWith("cronjob");
        assertThat(known.contains(env.getName()) || readByItsConfig)
            .as("%s sets %s, which no opstream code reads", workload.name(), env.getName())
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void everyVariableAnArgumentRefersToIsDefinedInItsContainer(Named setup) {
    java.util.regex.Pattern reference =
        java.util.regex.Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    for (Rendered.Workload workload : setup.chart().withHooks().render().workloads()) {
      Set<String> defined =
          workload.container().getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());
      for (String arg : workload.container().getArgs()) {
        java.util.regex.Matcher matcher = reference.matcher(arg);
        while (matcher.find()) {
          assertThat(defined)
              .as(
                  "%s: Kubernetes expands $(%s) only if the container defines it",
                  workload.name(), matcher.group(1))
              .contains(matcher.group(1));
        }
      }
    }
  }

  @Test
  void theRedisActuatorsSettingsReachItsConfiguration(@TempDir Path dir) {
    Container redis =
        OpstreamChart.withNoValues()
            .values("src/test/resources/scaled-values.yaml")
            .render()
            .one(io.fabric8.kubernetes.api.model.apps.Deployment.class, "opstream-actuator-redis")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);

    RedisActuatorConfig config = RedisActuatorConfig.fromEnv(plainEnv(redis), dir);

    assertThat(config.persistenceSize()).isEqualTo("4Gi");
    assertThat(config.maxmemoryPolicy()).isEqualTo("allkeys-lru");
    assertThat(config.maxmemoryPercent()).isEqualTo(80);
    assertThat(config.helmTimeout()).isEqualTo(Duration.ofMinutes(3));
    RedisActuatorConfig defaults = RedisActuatorConfig.defaults(config.chart());
    assertThat(config.imageRepository()).isEqualTo(defaults.imageRepository());
    assertThat(config.cpuRequest()).isEqualTo(defaults.cpuRequest());
  }

  @Test
  void theBackupCronJobsSettingsReachTheCronJobActuatorsConfiguration() {
    Container cronjob =
        OpstreamChart.withNoValues()
            .values("src/test/resources/scaled-values.yaml")
            .render()
            .one(io.fabric8.kubernetes.api.model.apps.Deployment.class, "opstream-actuator-cronjob")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);

    CronJobActuatorConfig config = CronJobActuatorConfig.fromEnv(plainEnv(cronjob));

    assertThat(config.image()).isEqualTo("opstream/opstream:0.1.0");
    assertThat(config.imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(config.s3CredentialsSecret()).contains("opstream-backup-s3");
    assertThat(config.serviceAccountName()).isEmpty();
    assertThat(config.memoryLimit()).isEqualTo("1Gi");
    assertThat(config.backoffLimit()).isEqualTo(CronJobActuatorConfig.defaults().backoffLimit());
    assertThat(config.activeDeadlineSeconds())
        .isEqualTo(CronJobActuatorConfig.defaults().activeDeadlineSeconds());
  }

  private static String expectedCommand(String workload) {
    if (workload.startsWith("opstream-watcher")) {
      return "watcher";
    }
    if (workload.equals("opstream-planner")) {
      return "planner";
    }
    if (workload.equals("opstream-topics")) {
      return "topics create";
    }
    return "actuator " + workload.substring("opstream-actuator-".length());
  }

  /** The container's literal environment (valueFrom entries left out). */
  private static Map<String, String> plainEnv(Container container) {
    return container.getEnv().stream()
        .filter(env -> env.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  /** The values of the public String constants naming environment variables. */
  private static Set<String> constants(Class<?>... types) {
    Set<String> names = new HashSet<>();
    for (Class<?> type : types) {
      for (Field field : type.getFields()) {
        boolean constant =
            Modifier.isStatic(field.getModifiers()) && field.getType() == String.class;
        if (constant && (field.getName().startsWith("ENV_") || field.getName().endsWith("_ENV"))) {
          try {
            names.add((String) field.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return names;
  }
}

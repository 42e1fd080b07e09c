package dev.opstream.cli;

import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.topics.records.ActionKind;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every actuator shares. Each defaults to its {@code OPSTREAM_ACTUATOR_*} variable,
 * then to the built-in default (see {@link RunnerConfig}).
 */
final class RunnerOptions {

  @Option(
      names = "--group-id",
      description =
          "Consumer group of this kind's replicas (default: $OPSTREAM_ACTUATOR_GROUP_ID or"
              + " opstream-actuator-<kind>).")
  private String groupId;

  @Option(
      names = "--concurrency",
      description =
          "Actions run at once, each for a different app (default: $OPSTREAM_ACTUATOR_CONCURRENCY"
              + " or "
              + RunnerConfig.DEFAULT_CONCURRENCY
              + ").")
  private Integer concurrency;

  @Option(
      names = "--max-in-flight",
      description =
          "Actions taken and not done before consumption pauses (default:"
              + " $OPSTREAM_ACTUATOR_MAX_IN_FLIGHT or "
              + RunnerConfig.DEFAULT_MAX_IN_FLIGHT
              + ").")
  private Integer maxInFlight;

  @Option(
      names = "--action-timeout",
      description =
          "Longest run of one action before it is reported FAILED_RETRYABLE, ISO-8601 (default:"
              + " $OPSTREAM_ACTUATOR_ACTION_TIMEOUT or PT2M).")
  private Duration actionTimeout;

  @Option(
      names = "--shutdown-timeout",
      description =
          "How long running actions may finish on SIGTERM or when partitions move, ISO-8601"
              + " (default: $OPSTREAM_ACTUATOR_SHUTDOWN_TIMEOUT or PT30S).")
  private Duration shutdownTimeout;

  @Option(
      names = "--http-port",
      defaultValue = "${env:OPSTREAM_HTTP_PORT:-8080}",
      description =
          "Port of /healthz, /readyz and /metrics (default: $OPSTREAM_HTTP_PORT or 8080; 0 picks"
              + " one).")
  private int httpPort;

  /** The runner's config: environment first, then these options where given. */
  RunnerConfig config(ActionKind kind, Map<String, Object> kafka, Map<String, String> env) {
    RunnerConfig config = RunnerConfig.fromEnv(kind, kafka, env);
    if (groupId != null) {
      config = config.withGroupId(groupId);
    }
    if (concurrency != null) {
      config = config.withConcurrency(concurrency);
    }
    if (maxInFlight != null) {
      config = config.withMaxInFlight(maxInFlight);
    }
    if (actionTimeout != null) {
      config = config.withActionTimeout(actionTimeout);
    }
    if (shutdownTimeout != null) {
      config = config.withShutdownTimeout(shutdownTimeout);
    }
    return config;
  }

  int httpPort() {
    return httpPort;
  }
}

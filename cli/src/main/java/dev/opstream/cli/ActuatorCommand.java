package dev.opstream.cli;

import picocli.CommandLine.Command;

/**
 * {@code opstream actuator <kind>}: runs the actuator of one kind as a long-running service. Each
 * kind is a subcommand extending {@link ActuatorSubcommand}; a new kind is one class and one line
 * here.
 */
@Command(
    name = "actuator",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the actuator of one kind: it reads opstream.actions.<kind>, acts, and reports to"
          + " opstream.results, until SIGTERM.",
      "Serves /healthz, /readyz and /metrics (Prometheus) on --http-port."
    },
    subcommands = {
      BucketActuatorCommand.class,
      RedisActuatorCommand.class,
      CronJobActuatorCommand.class
    })
final class ActuatorCommand {}

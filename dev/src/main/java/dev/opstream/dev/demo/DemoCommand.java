package dev.opstream.dev.demo;

import dev.opstream.dev.ShellAssignment;
import dev.opstream.localstack.support.TempDirs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opstream-dev demo}: the local stack with two clusters and every stage of the pipeline as
 * its own process; then either waits for the user (printing the endpoints and {@code READY}) or,
 * with {@code --scenario}, plays the story by itself and exits 0 when the world ends as asked.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the local stack with the clusters eks and local (in-process Kubernetes API servers),"
          + " a Kafka broker and an S3 server, creates the topics, and runs every stage of"
          + " opstream as its own process: a watcher per cluster, the planner (grace period 0),"
          + " and one actuator per kind.",
      "Without --scenario: prints KUBECONFIG=, KAFKA_BOOTSTRAP_SERVERS=, S3_ENDPOINT=, AWS_*= and"
          + " STATUS_URL= (the planner's status page), then READY, and runs until Ctrl-C or"
          + " SIGTERM. Annotate Deployments with kubectl and watch.",
      "With --scenario: creates Deployments in both clusters, waits for the annotated ones to get"
          + " their bucket, Redis and backup CronJob, runs each CronJob's backup against a real"
          + " redis-server and restores it, un-annotates one app and deletes another, and prints a"
          + " summary. Exits 0 when everything converged, 1 naming what did not.",
      "Logs go to standard error; each stage logs to <data-dir>/pipeline/<stage>.log."
    })
public final class DemoCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  /** The exit code when the story did not end as asked. */
  public static final int NOT_CONVERGED = 1;

  @Spec private CommandSpec spec;

  @Option(names = "--scenario", description = "Play the demo's story by itself, then exit.")
  private boolean scenario;

  @Option(
      names = "--timeout",
      defaultValue = "PT3M",
      converter = DurationConverter.class,
      description = "How long each step of the story may take to converge (default: PT3M).")
  private Duration timeout;

  @Option(
      names = "--drift-interval",
      defaultValue = "PT5S",
      converter = DurationConverter.class,
      description =
          "The planner's drift interval: how soon a new backup shows in an app's status"
              + " (default: PT5S).")
  private Duration driftInterval;

  @Option(
      names = "--data-dir",
      description = "Where everything keeps its data and logs (default: a temporary directory).")
  private Path dataDir;

  @Option(names = "--keep-data", description = "Keep the temporary data directory on exit.")
  private boolean keepData;

  @Override
  public Integer call() throws Exception {
    boolean temporary = dataDir == null;
    Path data = temporary ? TempDirs.create("opstream-demo-") : dataDir;
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    long startedAt = System.nanoTime();
    LOG.info("Starting the local stack and the pipeline (data and stage logs in {})", data);
    DemoRuntime runtime =
        DemoRuntime.start(
            new DemoRuntime.Options(data, temporary && !keepData, driftInterval, timeout));
    Thread hook =
        new Thread(
            () -> {
              LOG.info("Stopping the pipeline and the local stack");
              runtime.close();
              stopped.countDown();
            },
            "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LOG.info(
        "Stack and pipeline ready in {} s",
        Duration.ofNanos(System.nanoTime() - startedAt).toSeconds());
    if (!scenario) {
      endpoints(runtime).forEach((name, value) -> out.println(ShellAssignment.format(name, value)));
      out.println("READY");
      out.flush();
      stopped.await();
      return 0;
    }
    out.printf(
        "opstream demo: stack and pipeline ready; status page %s%n",
        runtime.pipeline().statusUrl());
    out.printf("stage logs in %s%n", data.resolve("pipeline"));
    out.flush();
    Scenario.Outcome outcome;
    try {
      outcome = new Scenario(runtime, DemoApp.story(), out, timeout).play();
    } finally {
      runtime.close();
    }
    if (outcome.converged()) {
      out.println("\nDEMO CONVERGED: every app is as its annotations ask.");
      out.flush();
      return 0;
    }
    out.println("\nDEMO NOT CONVERGED:");
    outcome.problems().forEach(problem -> out.println("  " + problem));
    out.flush();
    return NOT_CONVERGED;
  }

  /** What the interactive demo prints: the stack's environment and the status page. */
  static Map<String, String> endpoints(DemoRuntime runtime) {
    Map<String, String> endpoints = new java.util.LinkedHashMap<>(runtime.stack().environment());
    endpoints.put("STATUS_URL", runtime.pipeline().statusUrl().toString());
    return endpoints;
  }

  /** Reads {@code PT3M} and also {@code 3m}, {@code 90s}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.trim();
      if (text.matches("\\d+[smh]")) {
        return Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
      }
      return Duration.parse(text);
    }
  }
}

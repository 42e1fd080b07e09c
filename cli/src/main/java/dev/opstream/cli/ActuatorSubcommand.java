package dev.opstream.cli;

import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.ActuatorRunner;
import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.runtime.ServiceEndpoint;
import dev.opstream.topics.records.ActionKind;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * What every {@code opstream actuator <kind>} does: build the kind's handler, start the runner and
 * the health and metrics endpoint, run until SIGTERM (then stop gracefully: see {@link
 * ActuatorRunner#close()}) or until the runner fails (exit code 2).
 *
 * <p>A kind only says which it is and how its handler is built, registering the clients it opens
 * with {@link Resources} so they are closed after the runner.
 */
abstract class ActuatorSubcommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ActuatorSubcommand.class);
  private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(15);

  @Mixin private KafkaOptions kafka;

  @Mixin private RunnerOptions runnerOptions;

  /** The kind this subcommand runs. */
  abstract ActionKind kind();

  /** The kind's handler, its clients registered with {@code resources}. */
  abstract ActionHandler handler(Resources resources) throws Exception;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    Map<String, Object> kafkaConfig = new HashMap<>();
    kafka.clientConfig().forEach((key, value) -> kafkaConfig.put(key.toString(), value));
    RunnerConfig config = runnerOptions.config(kind(), kafkaConfig, env);
    CountDownLatch cleanedUp = new CountDownLatch(1);
    try (Resources resources = new Resources()) {
      ActionHandler handler = handler(resources);
      PrometheusRegistry registry = new PrometheusRegistry();
      JvmMetrics.builder().register(registry);
      ActuatorRunner runner = resources.add(ActuatorRunner.start(config, handler, registry));
      resources.add(
          ServiceEndpoint.start(
              new InetSocketAddress(runnerOptions.httpPort()), registry, runner::isReady));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> stopOnSignal(runner, cleanedUp), "opstream-actuator-shutdown"));
      Optional<Throwable> failure = runner.awaitTermination();
      runner.close();
      if (failure.isPresent()) {
        throw new IllegalStateException("the " + config.kind() + " actuator failed", failure.get());
      }
      return 0;
    } finally {
      cleanedUp.countDown();
    }
  }

  /** SIGTERM: stop the runner gracefully, then let the main thread close the rest. */
  private static void stopOnSignal(ActuatorRunner runner, CountDownLatch cleanedUp) {
    LOG.info("Stopping on signal");
    runner.close();
    try {
      cleanedUp.await(CLEANUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes what was added, last first. */
  static final class Resources implements AutoCloseable {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
      opened.push(resource);
      return resource;
    }

    @Override
    public void close() {
      while (!opened.isEmpty()) {
        AutoCloseable resource = opened.pop();
        try {
          resource.close();
        } catch (Exception e) {
          LOG.warn("Closing {} failed: {}", resource, e.toString());
        }
      }
    }
  }
}

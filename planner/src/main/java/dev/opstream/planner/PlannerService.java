package dev.opstream.planner;

import dev.opstream.planner.status.LagMonitor;
import dev.opstream.planner.status.StageGroup;
import dev.opstream.planner.status.StatusHttp;
import dev.opstream.planner.status.StreamsStatusReader;
import dev.opstream.runtime.ServiceEndpoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running planner: the Kafka Streams application of {@link PlannerTopology} plus its HTTP
 * endpoint (status API and page, {@code /healthz}, {@code /readyz} once Kafka Streams runs, {@code
 * /metrics}). A stream thread that fails is replaced: its transaction is aborted and its records
 * are processed again from the last commit. Beside it a {@link HangingTransactionReaper} aborts
 * transactions a broker failure left hanging on the planner's topics.
 */
public final class PlannerService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlannerService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration LAG_INTERVAL = Duration.ofSeconds(5);

  private final KafkaStreams streams;
  private final ServiceEndpoint endpoint;
  private final LagMonitor lag;
  private final HangingTransactionReaper reaper;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();

  private PlannerService(
      KafkaStreams streams,
      ServiceEndpoint endpoint,
      LagMonitor lag,
      HangingTransactionReaper reaper) {
    this.streams = streams;
    this.endpoint = endpoint;
    this.lag = lag;
    this.reaper = reaper;
  }

  /** Starts the planner with its metrics. */
  public static PlannerService start(PlannerConfig config) {
    return start(config, PlannerListener.NONE);
  }

  /** Starts the planner, telling {@code listener} (besides the metrics) what it does. */
  public static PlannerService start(PlannerConfig config, PlannerListener listener) {
    PrometheusRegistry registry = new PrometheusRegistry();
    PlannerMetrics metrics = new PlannerMetrics(registry);
    KafkaStreams[] holder = new KafkaStreams[1];
    ServiceEndpoint endpoint =
        ServiceEndpoint.start(
            new InetSocketAddress(config.httpPort()),
            registry,
            () -> holder[0] != null && holder[0].state() == KafkaStreams.State.RUNNING);
    LagMonitor lag = null;
    HangingTransactionReaper reaper = null;
    try {
      int deploymentPartitions = GuardTopic.prepare(config, ADMIN_TIMEOUT);
      // Before Kafka Streams: a hanging transaction on a changelog would stall its restoration.
      reaper = HangingTransactionReaper.start(config, registry);
      Properties properties = config.streamsProperties();
      HostInfo self = new HostInfo(config.advertisedHost(), endpoint.port());
      properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
      KafkaStreams streams =
          new KafkaStreams(
              PlannerTopology.build(
                  config, PlannerListener.both(metrics, listener), deploymentPartitions),
              properties);
      streams.setUncaughtExceptionHandler(
          failure -> {
            LOG.error(
                "A planner stream thread failed; replacing it (its transaction is aborted and"
                    + " its records are processed again)",
                failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
          });
      streams.setStateListener(
          (now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
      holder[0] = streams;
      lag = LagMonitor.start(properties, StageGroup.pipeline(config.applicationId()), LAG_INTERVAL);
      new StatusHttp(new StreamsStatusReader(streams, self), lag).register(endpoint);
      streams.start();
      LOG.info(
          "Planner {} started: Kafka {}, state in {}, status on http://{}:{}/, {}",
          config.applicationId(),
          config.bootstrapServers(),
          config.stateDir(),
          self.host(),
          self.port(),
          config.policy());
      return new PlannerService(streams, endpoint, lag, reaper);
    } catch (RuntimeException e) {
      if (lag != null) {
        lag.close();
      }
      if (reaper != null) {
        reaper.close();
      }
      endpoint.close();
      throw e;
    }
  }

  /** The port of the HTTP endpoint. */
  public int httpPort() {
    return endpoint.port();
  }

  /** The Kafka Streams application, for its state and metadata. */
  public KafkaStreams streams() {
    return streams;
  }

  /** Whether Kafka Streams is running (what {@code /readyz} says). */
  public boolean running() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /** Blocks until {@link #close()} was called (by a shutdown hook, or another thread). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Stops Kafka Streams (committing what was processed) and the HTTP endpoint. Idempotent. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    LOG.info("Planner stopping");
    try {
      streams.close(CLOSE_TIMEOUT);
    } finally {
      reaper.close();
      lag.close();
      endpoint.close();
      closed.countDown();
    }
  }
}

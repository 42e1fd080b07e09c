package dev.opstream.watcher;

import dev.opstream.runtime.ServiceEndpoint;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.watcher.config.ClusterTarget;
import dev.opstream.watcher.config.KubeClients;
import dev.opstream.watcher.config.WatcherConfig;
import dev.opstream.watcher.observe.ClusterWatch;
import dev.opstream.watcher.publish.KafkaPublisher;
import dev.opstream.watcher.publish.Outbox;
import dev.opstream.watcher.publish.ProducerSettings;
import dev.opstream.watcher.report.KubeEventRecorder;
import dev.opstream.watcher.report.StatusReporter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running watcher: for each configured cluster, informers on Deployments, leader election and
 * status reporting; one producer and outbox for {@code opstream.deployments}; the health and
 * metrics endpoint; the periodic resync. Start with {@link #start}, stop with {@link #close}.
 */
public final class Watcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
  private static final int MAX_IN_FLIGHT = 10_000;
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private final WatcherConfig config;
  private final Map<String, ClusterWatch> watches = new LinkedHashMap<>();
  private final Map<String, Leadership> leaderships = new LinkedHashMap<>();
  private final List<StatusReporter> reporters = new ArrayList<>();
  private final List<AutoCloseable> clients = new ArrayList<>();
  private final WatcherMetrics metrics;
  private final Outbox outbox = new Outbox(MAX_IN_FLIGHT);
  private KafkaPublisher publisher;
  private ServiceEndpoint endpoint;
  private ScheduledExecutorService resyncs;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Watcher(WatcherConfig config) {
    this.config = config;
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    this.metrics = new WatcherMetrics(registry);
  }

  /** Starts watching with the system clock. */
  public static Watcher start(WatcherConfig config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts watching: returns once everything is started (not synced: see {@link #ready()}).
   *
   * @throws dev.opstream.watcher.config.WatcherConfigException when a cluster cannot be configured
   *     (e.g. an unknown kubeconfig context)
   */
  public static Watcher start(WatcherConfig config, Clock clock) {
    Watcher watcher = new Watcher(config);
    try {
      watcher.startAll(clock);
      return watcher;
    } catch (RuntimeException e) {
      watcher.close();
      throw e;
    }
  }

  private void startAll(Clock clock) {
    for (ClusterTarget target : config.clusters()) {
      KubernetesClient client = KubeClients.connect(target);
      clients.add(client);
      ClusterWatch watch =
          new ClusterWatch(target.name(), client, config.scope(), outbox, metrics, clock);
      watches.put(target.name(), watch);
      Leadership leadership =
          new Leadership(
              target.name(),
              client,
              config.leaderElection(),
              new Leadership.Listener() {
                @Override
                public void startedLeading() {
                  watch.startPublishing();
                }

                @Override
                public void stoppedLeading() {
                  watch.stopPublishing();
                }
              });
      leaderships.put(target.name(), leadership);
      if (config.reportEvents()) {
        Map<String, Object> consumer = new HashMap<>(config.kafka());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId(target.name()));
        reporters.add(
            new StatusReporter(
                target.name(),
                consumer,
                watch,
                leadership::leading,
                new KubeEventRecorder(client, config.leaderElection().identity(), clock),
                metrics));
      }
      LOG.info("Cluster {}", target.describe());
    }
    registerGauges();
    endpoint =
        ServiceEndpoint.start(
            new InetSocketAddress(config.httpPort()), metrics.registry(), this::ready);
    KafkaProducer<AppKey, DeploymentEvent> producer =
        new KafkaProducer<>(
            ProducerSettings.of(config.kafka()),
            Topics.DEPLOYMENTS.keySerde().serializer(),
            Topics.DEPLOYMENTS.valueSerde().serializer());
    Admin admin = Admin.create(new HashMap<>(config.kafka()));
    clients.add(admin);
    publisher =
        new KafkaPublisher(
            producer,
            () -> topicExists(admin),
            outbox,
            clock,
            metrics,
            config.snapshotChunkBytes());
    publisher.start();
    leaderships.values().forEach(Leadership::start);
    watches.values().forEach(ClusterWatch::start);
    reporters.forEach(StatusReporter::start);
    resyncs =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "opstream-watcher-resync");
              thread.setDaemon(true);
              return thread;
            });
    long period = config.resyncPeriod().toMillis();
    resyncs.scheduleAtFixedRate(this::resyncAll, period, period, TimeUnit.MILLISECONDS);
    LOG.info(
        "Watcher started: {} cluster(s), resync every {}, leader election {}",
        watches.size(),
        config.resyncPeriod(),
        config.leaderElection().enabled() ? "on" : "off");
  }

  private static boolean topicExists(Admin admin) throws Exception {
    return admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(Topics.DEPLOYMENTS.name());
  }

  private void registerGauges() {
    metrics.gauge(
        "opstream_watcher_outbox_records",
        "Publications not yet acknowledged by Kafka (queued or in flight)",
        outbox::size);
    Map<String, IntSupplier> leading = new LinkedHashMap<>();
    Map<String, IntSupplier> known = new LinkedHashMap<>();
    watches.forEach(
        (cluster, watch) -> {
          leading.put(cluster, () -> watch.publishing() ? 1 : 0);
          known.put(cluster, watch::known);
        });
    metrics.gaugePerCluster(
        "opstream_watcher_leader", "1 while this replica publishes for the cluster", leading);
    metrics.gaugePerCluster(
        "opstream_watcher_deployments", "Deployments the watcher knows in scope", known);
  }

  private void resyncAll() {
    for (ClusterWatch watch : watches.values()) {
      try {
        watch.resync();
      } catch (RuntimeException e) {
        LOG.error("Resync of {} failed", watch.cluster(), e);
      }
    }
  }

  /** Ready: every cluster's informers have listed and the status reporters know where to start. */
  public boolean ready() {
    return !watches.isEmpty()
        && publisher != null
        && publisher.topicFound()
        && watches.values().stream().allMatch(ClusterWatch::synced)
        && reporters.stream().allMatch(StatusReporter::positioned);
  }

  /** Whether this replica publishes for {@code cluster}. */
  public boolean publishing(String cluster) {
    ClusterWatch watch = watches.get(cluster);
    return watch != null && watch.publishing();
  }

  /** The port of {@code /healthz}, {@code /readyz} and {@code /metrics}. */
  public int httpPort() {
    return endpoint.port();
  }

  public WatcherMetrics metrics() {
    return metrics;
  }

  public WatcherConfig config() {
    return config;
  }

  /**
   * Stops: informers first, then what is queued is sent (for up to 10 s), then the status
   * reporters, the Leases are released and the endpoint closes.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (resyncs != null) {
      resyncs.shutdownNow();
    }
    watches.values().forEach(watch -> quietly(watch::close));
    if (publisher != null) {
      KafkaPublisher closing = publisher;
      quietly(() -> closing.close(DRAIN));
    }
    reporters.forEach(reporter -> quietly(reporter::close));
    leaderships.values().forEach(leadership -> quietly(leadership::close));
    clients.forEach(client -> quietly(client::close));
    if (endpoint != null) {
      quietly(endpoint::close);
    }
    LOG.info("Watcher stopped");
  }

  private static void quietly(ThrowingRunnable step) {
    try {
      step.run();
    } catch (Exception e) {
      LOG.warn("While stopping the watcher: {}", e.toString());
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}

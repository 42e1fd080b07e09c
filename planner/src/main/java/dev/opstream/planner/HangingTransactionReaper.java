package dev.opstream.planner;

import dev.opstream.topics.Topics;
import dev.opstream.topics.admin.HangingTransactions;
import dev.opstream.topics.admin.OpenTransaction;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts hanging transactions on the topics the planner writes transactionally: opstream's topics
 * and its own internal topics (changelogs, repartition and deletion-guard topics, all named {@code
 * <application id>-...}). A transaction hangs when a broker failure left it open on a partition
 * while its coordinator finished it: that partition's last stable offset never moves again, and
 * every {@code read_committed} reader (the actuators, a planner restoring a changelog) stops there.
 *
 * <p>It runs on its own thread with its own admin client, so it works while Kafka Streams is
 * restoring or rebalancing, and a failed round (a broker away) is logged and tried again next
 * round. See {@link HangingTransactions} for how a transaction is judged hanging; a live one never
 * is.
 */
final class HangingTransactionReaper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HangingTransactionReaper.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final String applicationId;
  private final TransactionReaperConfig settings;
  private final Admin admin;
  private final HangingTransactions transactions;
  private final Counter aborted;
  private final ScheduledExecutorService scheduler;

  private HangingTransactionReaper(PlannerConfig config, PrometheusRegistry registry, Admin admin) {
    this.applicationId = config.applicationId();
    this.settings = config.transactionReaper();
    this.admin = admin;
    this.transactions = new HangingTransactions(admin, ADMIN_TIMEOUT, Clock.systemUTC());
    this.aborted =
        Counter.builder()
            .name("opstream_planner_hanging_transactions_aborted")
            .help("Hanging transactions the planner found on its topics and aborted")
            .register(registry);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, applicationId + "-hanging-transaction-reaper");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts looking every {@link TransactionReaperConfig#interval()}, if enabled. */
  static HangingTransactionReaper start(PlannerConfig config, PrometheusRegistry registry) {
    StreamsConfig streams = new StreamsConfig(config.streamsProperties());
    Map<String, Object> adminConfig =
        new HashMap<>(streams.getAdminConfigs(config.applicationId() + "-txn-reaper"));
    HangingTransactionReaper reaper =
        new HangingTransactionReaper(config, registry, Admin.create(adminConfig));
    TransactionReaperConfig settings = config.transactionReaper();
    if (settings.enabled()) {
      long every = settings.interval().toMillis();
      reaper.scheduler.scheduleWithFixedDelay(reaper::round, every, every, TimeUnit.MILLISECONDS);
      LOG.info(
          "Looking for hanging transactions every {} (open longer than {})",
          settings.interval(),
          settings.olderThan());
    } else {
      LOG.info("Not looking for hanging transactions (switched off)");
    }
    return reaper;
  }

  /** One look at every partition of the planner's topics; aborts what hangs. */
  void round() {
    try {
      List<String> topics = transactions.topics(this::written);
      for (OpenTransaction hanging : transactions.find(topics, settings.olderThan()).hanging()) {
        LOG.warn(
            "Aborting a hanging transaction on {} (its coordinator will never complete it;"
                + " read_committed readers of the partition are stuck behind it)",
            hanging.describe());
        transactions.abort(hanging);
        aborted.inc();
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not look for hanging transactions; trying again in {}", settings.interval(), e);
    }
  }

  private boolean written(String topic) {
    return topic.startsWith(applicationId + "-")
        || Topics.all().stream().anyMatch(known -> known.name().equals(topic));
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(5));
  }
}

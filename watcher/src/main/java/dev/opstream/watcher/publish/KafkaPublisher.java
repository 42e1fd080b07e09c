package dev.opstream.watcher.publish;

import dev.opstream.topics.Records;
import dev.opstream.topics.Topics;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.watcher.WatcherMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that sends what the {@link Outbox} holds to {@code opstream.deployments} and
 * reports each unit back as acknowledged or failed. After a failure it waits (100 ms, doubling up
 * to 5 s) before sending more, so a broker that is down is not hammered; the outbox keeps every
 * unit meanwhile.
 */
public final class KafkaPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
  private static final int BATCH = 500;
  private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Producer<AppKey, DeploymentEvent> producer;
  private final Outbox outbox;
  private final Clock clock;
  private final WatcherMetrics metrics;
  private final int maxChunkBytes;
  private final TopicCheck topic;
  private final Thread thread;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private volatile boolean running = true;
  private volatile boolean topicFound;

  /** Whether {@code opstream.deployments} exists (checked without creating it). */
  @FunctionalInterface
  public interface TopicCheck {
    boolean exists() throws Exception;
  }

  /**
   * @param topic tells whether the topic exists: nothing is sent before it does, so the producer
   *     never makes a broker that auto-creates topics create it with the wrong partition count
   */
  public KafkaPublisher(
      Producer<AppKey, DeploymentEvent> producer,
      TopicCheck topic,
      Outbox outbox,
      Clock clock,
      WatcherMetrics metrics,
      int maxChunkBytes) {
    this.producer = producer;
    this.topic = topic;
    this.outbox = outbox;
    this.clock = clock;
    this.metrics = metrics;
    this.maxChunkBytes = maxChunkBytes;
    this.thread = new Thread(this::run, "opstream-watcher-publisher");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Whether the topic was found and sending has begun. */
  public boolean topicFound() {
    return topicFound;
  }

  private void run() {
    try {
      awaitTopic();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    while (running) {
      try {
        backOffAfterFailures();
        List<Outbox.Unit> units = outbox.take(BATCH, Duration.ofMillis(200));
        for (int i = 0; i < units.size(); i++) {
          if (!send(units.get(i))) {
            for (Outbox.Unit unsent : units.subList(i + 1, units.size())) {
              fail(unsent);
            }
            break;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void awaitTopic() throws InterruptedException {
    long attempts = 0;
    while (running) {
      try {
        if (topic.exists()) {
          topicFound = true;
          return;
        }
        if (attempts++ % 15 == 0) {
          LOG.error(
              "Topic {} does not exist: create opstream's topics (opstream topics create);"
                  + " the watcher publishes once it exists",
              Topics.DEPLOYMENTS);
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (attempts++ % 15 == 0) {
          LOG.warn("Cannot tell yet whether {} exists: {}", Topics.DEPLOYMENTS, e.toString());
        }
      }
      Thread.sleep(2_000);
    }
  }

  private void backOffAfterFailures() throws InterruptedException {
    int failures = consecutiveFailures.get();
    if (failures == 0) {
      return;
    }
    long millis =
        Math.min(MAX_BACKOFF.toMillis(), MIN_BACKOFF.toMillis() << Math.min(failures - 1, 10));
    Thread.sleep(millis);
  }

  /** Sends the unit's records; false when that failed at once (the unit is then failed). */
  private boolean send(Outbox.Unit unit) {
    AtomicBoolean failed = new AtomicBoolean();
    try {
      List<ProducerRecord<AppKey, DeploymentEvent>> records = records(unit.publication());
      AtomicInteger left = new AtomicInteger(records.size());
      Callback callback =
          (metadata, exception) -> {
            if (exception != null) {
              if (failed.compareAndSet(false, true)) {
                LOG.warn(
                    "{} not acknowledged ({}); sending it again",
                    describe(unit.publication()),
                    exception.toString());
                fail(unit);
              }
            } else if (left.decrementAndGet() == 0 && !failed.get()) {
              acknowledged(unit, records.size());
            }
          };
      for (ProducerRecord<AppKey, DeploymentEvent> record : records) {
        producer.send(record, callback);
      }
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot send to {} ({}); keeping what is queued until it can",
          Topics.DEPLOYMENTS,
          e.toString());
      if (failed.compareAndSet(false, true)) {
        fail(unit);
      }
      return false;
    }
  }

  private List<ProducerRecord<AppKey, DeploymentEvent>> records(Publication publication) {
    String source = Sources.watcher(publication.cluster());
    List<ProducerRecord<AppKey, DeploymentEvent>> records = new ArrayList<>();
    if (publication instanceof Publication.Observed observed) {
      records.add(
          Records.producerRecord(
              Topics.DEPLOYMENTS, observed.app(), observed.record(), source, clock));
    } else if (publication instanceof Publication.Deleted deleted) {
      records.add(
          Records.producerRecord(
              Topics.DEPLOYMENTS, deleted.app(), deleted.record(), source, clock));
      records.add(Records.tombstone(Topics.DEPLOYMENTS, deleted.app(), clock));
    } else {
      Publication.Snapshot snapshot = (Publication.Snapshot) publication;
      int partitions = producer.partitionsFor(Topics.DEPLOYMENTS.name()).size();
      for (SnapshotComplete marker : SnapshotMarkers.of(snapshot, partitions, maxChunkBytes)) {
        records.add(
            Records.producerRecord(
                Topics.DEPLOYMENTS,
                marker.partition(),
                null,
                marker,
                source,
                clock,
                UUID.randomUUID().toString()));
      }
    }
    return records;
  }

  private void acknowledged(Outbox.Unit unit, int records) {
    consecutiveFailures.set(0);
    Publication publication = unit.publication();
    String cluster = publication.cluster();
    if (publication instanceof Publication.Observed) {
      metrics.published(cluster, "DeploymentObserved");
    } else if (publication instanceof Publication.Deleted) {
      metrics.published(cluster, "DeploymentDeleted");
      metrics.published(cluster, "tombstone");
    } else {
      metrics.snapshotMarkers(cluster, records);
      for (int i = 0; i < records; i++) {
        metrics.published(cluster, "SnapshotComplete");
      }
    }
    if (publication instanceof Publication.ForApp) {
      metrics.publishLatency(cluster, Duration.between(publication.observedAt(), clock.instant()));
      LOG.debug("Published {}", describe(publication));
    } else {
      LOG.info("Published {} ({} markers)", describe(publication), records);
    }
    outbox.acked(unit);
  }

  private void fail(Outbox.Unit unit) {
    consecutiveFailures.incrementAndGet();
    metrics.publishFailed(unit.publication().cluster());
    outbox.failed(unit);
  }

  private static String describe(Publication publication) {
    if (publication instanceof Publication.Observed observed) {
      return "DeploymentObserved " + observed.app() + " (uid " + observed.record().uid() + ")";
    }
    if (publication instanceof Publication.Deleted deleted) {
      return "DeploymentDeleted " + deleted.app() + " (uid " + deleted.record().uid() + ")";
    }
    Publication.Snapshot snapshot = (Publication.Snapshot) publication;
    return "snapshot "
        + snapshot.snapshotId()
        + " of "
        + snapshot.cluster()
        + " listing "
        + snapshot.keys().size()
        + " keys";
  }

  /**
   * Stops after sending what is queued, waiting at most {@code drain} for Kafka to acknowledge it;
   * then closes the producer.
   */
  public void close(Duration drain) {
    try {
      if (!outbox.awaitEmpty(drain)) {
        LOG.warn("{} units were not acknowledged before shutdown", outbox.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}

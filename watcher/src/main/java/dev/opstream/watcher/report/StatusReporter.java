package dev.opstream.watcher.report;

import dev.opstream.topics.Topics;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.serde.Decoded;
import dev.opstream.topics.serde.SafeDeserializer;
import dev.opstream.watcher.WatcherMetrics;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code opstream.status} for one cluster and records a Kubernetes Event on the app's
 * Deployment for every state change ({@link StatusEvents}), so {@code kubectl describe deployment}
 * tells the user what opstream did.
 *
 * <p>It reads every partition from the beginning (the topic is compacted: one status per app) to
 * learn the status it saw last for each app. Records before the offsets its group last committed
 * (or, on first start, before the end of the topic) only rebuild that memory; later ones are
 * compared with it. Only the replica leading the cluster records Events and commits, so Events are
 * neither doubled by replicas nor repeated after a restart.
 */
public final class StatusReporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final String cluster;
  private final Map<String, Object> consumerConfig;
  private final DeploymentLookup deployments;
  private final BooleanSupplier leading;
  private final KubeEventRecorder recorder;
  private final WatcherMetrics metrics;
  private final SafeDeserializer<AppKey, AppStatus> decoder = SafeDeserializer.of(Topics.STATUS);
  private final Map<AppKey, AppStatus> lastSeen = new HashMap<>();
  private final Thread thread;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean running = true;
  private volatile boolean positioned;

  /**
   * @param consumerConfig Kafka client properties, with the {@code group.id} whose committed
   *     offsets say where Events were last recorded
   */
  public StatusReporter(
      String cluster,
      Map<String, Object> consumerConfig,
      DeploymentLookup deployments,
      BooleanSupplier leading,
      KubeEventRecorder recorder,
      WatcherMetrics metrics) {
    this.cluster = cluster;
    this.consumerConfig = new HashMap<>(consumerConfig);
    this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    this.consumerConfig.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "opstream-watcher-status");
    this.deployments = deployments;
    this.leading = leading;
    this.recorder = recorder;
    this.metrics = metrics;
    this.thread = new Thread(this::run, "opstream-watcher-status-" + cluster);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Whether it has found the topic and knows where to start reporting. */
  public boolean positioned() {
    return positioned;
  }

  private void run() {
    KafkaConsumer<byte[], byte[]> kafka =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer = kafka;
    try {
      Map<TopicPartition, Long> replayUntil = position(kafka);
      while (running) {
        ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          handle(record, record.offset() < replayUntil.getOrDefault(partition, 0L));
        }
        if (!records.isEmpty() && leading.getAsBoolean()) {
          kafka.commitAsync(
              (offsets, e) -> {
                if (e != null) {
                  LOG.warn("Cannot commit status offsets for {}: {}", cluster, e.toString());
                }
              });
        }
      }
    } catch (WakeupException | InterruptException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("Status reporting for {} stopped", cluster, e);
    } finally {
      kafka.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Assigns every partition, seeks to the beginning; returns where reporting starts. */
  private Map<TopicPartition, Long> position(KafkaConsumer<byte[], byte[]> kafka)
      throws InterruptedException {
    List<TopicPartition> partitions = partitions(kafka);
    kafka.assign(partitions);
    Map<TopicPartition, OffsetAndMetadata> committed = kafka.committed(Set.copyOf(partitions));
    Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
    Map<TopicPartition, Long> replayUntil = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = committed.get(partition);
      replayUntil.put(partition, offset != null ? offset.offset() : ends.get(partition));
    }
    kafka.seekToBeginning(partitions);
    positioned = true;
    LOG.info(
        "Reporting status changes of cluster {} as Kubernetes Events ({} partitions)",
        cluster,
        partitions.size());
    return replayUntil;
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> kafka)
      throws InterruptedException {
    while (running) {
      try {
        List<PartitionInfo> infos =
            kafka.partitionsFor(Topics.STATUS.name(), Duration.ofSeconds(10));
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        }
        LOG.warn("Topic {} does not exist yet; waiting for it", Topics.STATUS);
      } catch (KafkaException e) {
        LOG.warn("Cannot read the partitions of {} yet: {}", Topics.STATUS, e.toString());
      }
      Thread.sleep(1_000);
    }
    throw new WakeupException();
  }

  private void handle(ConsumerRecord<byte[], byte[]> record, boolean replay) {
    Decoded<AppKey, AppStatus> decoded = decoder.decode(record);
    if (decoded instanceof Decoded.Failure<AppKey, AppStatus> failure) {
      LOG.warn("Skipping an unreadable status record: {}", failure.error().getMessage());
      return;
    }
    Decoded.Value<AppKey, AppStatus> value = (Decoded.Value<AppKey, AppStatus>) decoded;
    AppKey app = value.key();
    if (app == null || !app.cluster().equals(cluster)) {
      return;
    }
    AppStatus current = value.value();
    if (current == null) {
      lastSeen.remove(app);
      return;
    }
    AppStatus previous = lastSeen.put(app, current);
    if (replay || !leading.getAsBoolean()) {
      return;
    }
    List<EventNote> notes = StatusEvents.between(previous, current);
    if (notes.isEmpty()) {
      return;
    }
    Optional<Deployment> deployment = deployments.find(app.namespace(), app.name());
    if (deployment.isEmpty()) {
      LOG.debug("{}: no Deployment to record {} events on", app, notes.size());
      return;
    }
    String uid = deployment.get().getMetadata().getUid();
    if (current.deploymentUid() != null && !current.deploymentUid().equals(uid)) {
      LOG.debug("{}: status is about Deployment uid {}, not {}", app, current.deploymentUid(), uid);
      return;
    }
    for (EventNote note : notes) {
      try {
        recorder.record(deployment.get(), note);
        metrics.kubeEventRecorded(cluster, note.type());
        LOG.info("{}: recorded {} event {}: {}", app, note.type(), note.reason(), note.message());
      } catch (KubernetesClientException e) {
        metrics.kubeEventFailed(cluster);
        LOG.warn("{}: cannot record event {}: {}", app, note.reason(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> kafka = consumer;
    if (kafka != null) {
      kafka.wakeup();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

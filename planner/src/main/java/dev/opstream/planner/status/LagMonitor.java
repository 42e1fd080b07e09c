package dev.opstream.planner.status;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each stage's consumer lag with the Kafka Admin API on its own thread, every {@code
 * interval}, and keeps the latest reading for the status page: a request never waits for Kafka. The
 * stages are the planner, the actuators' default groups, and every watcher group found on the
 * broker ({@code opstream-watcher-<cluster>}).
 */
public final class LagMonitor implements Supplier<PipelineHealth>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Ranges up to this many offsets are read record by record, so that transaction markers (one per
   * partition per planner transaction) do not count as lag; larger ranges count by offsets.
   */
  static final long EXACT_UP_TO = 1_000;

  /** The group state shown for a group the broker does not know (the stage never ran). */
  static final String NO_GROUP = "NONE";

  private final Admin admin;
  private final CommittedRecords records;
  private final List<StageGroup> stages;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final AtomicReference<PipelineHealth> latest =
      new AtomicReference<>(PipelineHealth.notYetRead());

  private LagMonitor(Admin admin, CommittedRecords records, List<StageGroup> stages, Clock clock) {
    this.admin = admin;
    this.records = records;
    this.stages = List.copyOf(stages);
    this.clock = clock;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "lag-monitor");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts reading every {@code interval}.
   *
   * @param clientProperties Kafka client properties (bootstrap servers, TLS, SASL); those that are
   *     not Admin settings are ignored
   * @param stages the fixed stages to read; watcher groups are found on the broker
   */
  public static LagMonitor start(
      Properties clientProperties, List<StageGroup> stages, Duration interval) {
    Properties adminProperties = new Properties();
    for (String name : AdminClientConfig.configNames()) {
      if (clientProperties.containsKey(name)) {
        adminProperties.put(name, clientProperties.get(name));
      }
    }
    adminProperties.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "opstream-planner-lag");
    LagMonitor monitor =
        new LagMonitor(
            Admin.create(adminProperties),
            CommittedRecords.create(adminProperties),
            stages,
            Clock.systemUTC());
    monitor.executor.scheduleWithFixedDelay(
        monitor::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return monitor;
  }

  /** The latest reading. */
  @Override
  public PipelineHealth get() {
    return latest.get();
  }

  void refresh() {
    try {
      List<StageGroup> all = new ArrayList<>(stages);
      all.addAll(watcherGroups());
      List<StageLag> lags = new ArrayList<>();
      for (StageGroup stage : all) {
        lags.add(read(stage));
      }
      latest.set(new PipelineHealth(clock.instant(), lags, null));
    } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.debug("Could not read the consumer groups", e);
      PipelineHealth previous = latest.get();
      latest.set(new PipelineHealth(previous.computedAt(), previous.stages(), message(e)));
    }
  }

  private List<StageGroup> watcherGroups()
      throws InterruptedException, ExecutionException, TimeoutException {
    Collection<GroupListing> listings =
        admin.listGroups().all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return listings.stream()
        .map(listing -> StageGroup.watcher(listing.groupId()))
        .filter(group -> group != null)
        .sorted((a, b) -> a.group().compareTo(b.group()))
        .toList();
  }

  private StageLag read(StageGroup stage) {
    try {
      List<TopicPartition> partitions = partitions(stage.topics());
      Map<TopicPartition, Long> committed = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(stage.group())
              .partitionsToOffsetAndMetadata()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null) {
              committed.put(partition, offset.offset());
            }
          });
      Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
      Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
      Optional<ConsumerGroupDescription> group = describe(stage.group());
      return new StageLag(
          stage.stage(),
          stage.group(),
          stage.topics(),
          ConsumerLag.lag(ConsumerLag.ranges(committed, start, end), EXACT_UP_TO, records::count),
          group.map(description -> description.members().size()).orElse(0),
          group.map(description -> String.valueOf(description.groupState())).orElse(NO_GROUP),
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return StageLag.failed(stage, "interrupted");
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return StageLag.failed(stage, message(e));
    }
  }

  /** The group's description; empty when the broker knows no such group (never started). */
  private Optional<ConsumerGroupDescription> describe(String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return Optional.of(
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private List<TopicPartition> partitions(List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicDescription> descriptions =
        admin
            .describeTopics(topics)
            .allTopicNames()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    List<TopicPartition> partitions = new ArrayList<>();
    descriptions.forEach(
        (topic, description) ->
            description
                .partitions()
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
    return partitions;
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private static String message(Throwable e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(5));
    records.close();
  }
}

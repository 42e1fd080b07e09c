package dev.opstream.planner.shadow;

import dev.opstream.planner.PlannerConfig;
import dev.opstream.planner.PlannerTopology;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.SnapshotComplete;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The planner topology in a {@link TopologyTestDriver}, fed one recorded partition's inputs in
 * order. Its wall clock follows the records' timestamps (moved on before each record), so the
 * planner's own timers fire when they would have; the recorded timer firings are fed too, and
 * whichever copy of a firing comes first is used (the planner ignores a timer it no longer has).
 * Everything it writes stays in the driver: nothing reaches Kafka.
 */
public final class ShadowPartition implements AutoCloseable {

  private final PlannerConfig config;
  private final Path stateDir;
  private TopologyTestDriver driver;
  private Map<String, TestInputTopic<byte[], byte[]>> inputs;
  private Map<ActionKind, TestOutputTopic<AppKey, Action>> actions;
  private List<TestOutputTopic<byte[], byte[]>> discarded;
  private Instant clock;

  ShadowPartition(PlannerConfig config, Path stateDir) {
    this.config = config;
    this.stateDir = stateDir;
  }

  /**
   * Feeds one recorded record of {@code opstream.deployments}, {@code opstream.results} or {@code
   * opstream.timers} and returns the actions decided since the previous one (timers that came due
   * on the way included), in order.
   */
  public List<ShadowAction> feed(ConsumerRecord<byte[], byte[]> recorded) {
    Instant at = Instant.ofEpochMilli(recorded.timestamp());
    if (driver == null) {
      start(at);
    }
    List<ShadowAction> decided = new ArrayList<>();
    if (at.isAfter(clock)) {
      driver.advanceWallClockTime(Duration.between(clock, at));
      clock = at;
      drain(decided);
    }
    TestInputTopic<byte[], byte[]> input = inputs.get(recorded.topic());
    if (input == null) {
      throw new IllegalArgumentException(recorded.topic() + " is not an input of the planner");
    }
    input.pipeInput(
        new TestRecord<>(
            recorded.key(),
            asPartitionZero(recorded),
            new RecordHeaders(recorded.headers().toArray()),
            at));
    drain(decided);
    return decided;
  }

  private void start(Instant at) {
    Properties properties = config.streamsProperties();
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "opstream-shadow-planner");
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    driver = new TopologyTestDriver(PlannerTopology.build(config), properties, at);
    clock = at;
    Serializer<byte[]> bytes = new ByteArraySerializer();
    inputs =
        Map.of(
            Topics.DEPLOYMENTS.name(),
            driver.createInputTopic(Topics.DEPLOYMENTS.name(), bytes, bytes),
            Topics.RESULTS.name(),
            driver.createInputTopic(Topics.RESULTS.name(), bytes, bytes),
            Topics.TIMERS.name(),
            driver.createInputTopic(Topics.TIMERS.name(), bytes, bytes));
    actions = new EnumMap<>(ActionKind.class);
    for (ActionKind kind : ActionKind.values()) {
      actions.put(
          kind,
          driver.createOutputTopic(
              kind.topic().name(),
              kind.topic().keySerde().deserializer(),
              kind.topic().valueSerde().deserializer()));
    }
    Deserializer<byte[]> raw = new ByteArrayDeserializer();
    discarded =
        List.of(
            driver.createOutputTopic(Topics.STATUS.name(), raw, raw),
            driver.createOutputTopic(Topics.TIMERS.name(), raw, raw),
            driver.createOutputTopic(Topics.DLQ.name(), raw, raw));
  }

  /** Collects the actions written so far and drops every other output (memory stays flat). */
  private void drain(List<ShadowAction> decided) {
    List<ShadowAction> batch = new ArrayList<>();
    for (TestOutputTopic<AppKey, Action> topic : actions.values()) {
      for (TestRecord<AppKey, Action> record : topic.readRecordsToList()) {
        batch.add(new ShadowAction(record.value(), record.getRecordTime()));
      }
    }
    batch.sort(Comparator.comparing(ShadowAction::at));
    decided.addAll(batch);
    for (TestOutputTopic<byte[], byte[]> topic : discarded) {
      topic.readRecordsToList();
    }
  }

  /**
   * A snapshot chunk names the partition it was written to, which the planner checks; in the driver
   * every record is in partition 0, so the chunk is re-addressed to it. Anything else, or anything
   * unreadable, is fed as it was.
   */
  private static byte[] asPartitionZero(ConsumerRecord<byte[], byte[]> recorded) {
    if (recorded.key() != null || !recorded.topic().equals(Topics.DEPLOYMENTS.name())) {
      return recorded.value();
    }
    DeploymentEvent event;
    try {
      event =
          Topics.DEPLOYMENTS
              .valueSerde()
              .deserializer()
              .deserialize(recorded.topic(), recorded.value());
    } catch (RuntimeException e) {
      return recorded.value();
    }
    if (!(event instanceof SnapshotComplete chunk) || chunk.partition() == 0) {
      return recorded.value();
    }
    SnapshotComplete moved =
        new SnapshotComplete(
            chunk.schemaVersion(),
            chunk.snapshotId(),
            chunk.cluster(),
            chunk.scope(),
            0,
            chunk.chunkIndex(),
            chunk.chunkCount(),
            chunk.keys(),
            chunk.observedAt());
    return Topics.DEPLOYMENTS.valueSerde().serializer().serialize(recorded.topic(), moved);
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.close();
      driver = null;
    }
    if (Files.exists(stateDir)) {
      try (Stream<Path> paths = Files.walk(stateDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(ShadowPartition::delete);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the shadow planner's state " + stateDir, e);
      }
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + path, e);
    }
  }
}

package dev.opstream.planner;

import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.cloudevents.CloudEvent;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.RecordTypes;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.records.VersionedRecord;
import dev.opstream.topics.records.WatchScope;
import dev.opstream.topics.serde.JsonSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The planner topology in a {@link TopologyTestDriver}, with the vocabulary of its tests: deploy an
 * app, answer its actions as an actuator would, let wall-clock time pass (timers fire and come back
 * as input), read what was emitted. It remembers every record it fed in, in order, timer records
 * included, so a test can replay them into a fresh topology.
 */
final class PlannerDriver implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** One input record, as fed (or as read back, for timers). */
  record Fed(String topic, AppKey key, Object value, Headers headers, Instant at) {}

  private final TopologyTestDriver driver;
  private final TestInputTopic<AppKey, DeploymentEvent> deployments;
  private final TestInputTopic<AppKey, ActionResult> results;
  private final TestInputTopic<AppKey, TimerFired> timersIn;
  private final TestInputTopic<byte[], byte[]> rawDeployments;
  private final TestInputTopic<byte[], byte[]> rawResults;
  private final Map<ActionKind, TestOutputTopic<AppKey, Action>> actions;
  private final TestOutputTopic<AppKey, AppStatus> statuses;
  private final TestOutputTopic<AppKey, TimerFired> timersOut;
  private final TestOutputTopic<byte[], byte[]> dlq;
  private final String guardTopic;
  private final TestInputTopic<String, GuardMessage> guardIn;
  private final TestOutputTopic<String, GuardMessage> guardOut;
  private final List<Fed> fed = new ArrayList<>();
  private final List<TestRecord<AppKey, Action>> emitted = new ArrayList<>();
  private final List<TestRecord<AppKey, AppStatus>> statusRecords = new ArrayList<>();
  private Instant now = T0;
  private int counter;

  PlannerDriver(PlanningPolicy policy, Path stateDir) {
    this(policy, stateDir, "exactly_once_v2");
  }

  /**
   * A driver with another processing guarantee. Only for the deserialization handler's dead
   * letters: under exactly_once_v2 the driver's mock producer drops what the handler sends outside
   * of processing (its clear() wipes uncommitted sends), so that path is tested with at_least_once
   * here and with exactly_once_v2 on a real broker in {@code PlannerServiceIT}.
   */
  PlannerDriver(PlanningPolicy policy, Path stateDir, String processingGuarantee) {
    this(policy, stateDir, processingGuarantee, 1);
  }

  /**
   * A driver whose topology believes {@code opstream.deployments} has {@code deploymentPartitions}
   * partitions. The driver itself has one: it plays the task of partition 0 (which also counts
   * every cluster's snapshots for the mass-deletion guard), and a test plays the other partitions'
   * tasks by feeding their counts with {@link #tally}.
   */
  PlannerDriver(
      PlanningPolicy policy, Path stateDir, String processingGuarantee, int deploymentPartitions) {
    PlannerConfig config = PlannerConfig.fromEnv(Map.of()).withPolicy(policy);
    Properties properties = config.streamsProperties();
    properties.put("state.dir", stateDir.toString());
    properties.put("application.id", "planner-test");
    properties.put("processing.guarantee", processingGuarantee);
    driver =
        new TopologyTestDriver(
            PlannerTopology.build(config, PlannerListener.NONE, deploymentPartitions),
            properties,
            T0);
    guardTopic = PlannerTopology.guardTopic(config);
    guardIn =
        driver.createInputTopic(
            guardTopic, new StringSerializer(), JsonSerde.of(GuardMessage.class).serializer());
    guardOut =
        driver.createOutputTopic(
            guardTopic, new StringDeserializer(), JsonSerde.of(GuardMessage.class).deserializer());
    deployments = input(Topics.DEPLOYMENTS);
    results = input(Topics.RESULTS);
    timersIn = input(Topics.TIMERS);
    rawDeployments =
        driver.createInputTopic(
            Topics.DEPLOYMENTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
    rawResults =
        driver.createInputTopic(
            Topics.RESULTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
    actions =
        Map.of(
            ActionKind.BUCKET, output(Topics.ACTIONS_BUCKET),
            ActionKind.REDIS, output(Topics.ACTIONS_REDIS),
            ActionKind.CRONJOB, output(Topics.ACTIONS_CRONJOB));
    statuses = output(Topics.STATUS);
    timersOut = output(Topics.TIMERS);
    dlq =
        driver.createOutputTopic(
            Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  Instant now() {
    return now;
  }

  List<Fed> fed() {
    return fed;
  }

  /** Moves event time on without firing anything (the next records carry the later time). */
  PlannerDriver after(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  /** Moves the wall clock (and event time) on: due timers fire and are handled. */
  PlannerDriver advance(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
    for (TestRecord<AppKey, TimerFired> timer : timersOut.readRecordsToList()) {
      fed.add(
          new Fed(
              Topics.TIMERS.name(),
              timer.key(),
              timer.value(),
              timer.headers(),
              timer.getRecordTime()));
    }
    return this;
  }

  DeploymentObserved deploy(AppKey app, String uid, Map<String, String> annotations) {
    DeploymentObserved observed =
        DeploymentObserved.of(app, uid, "rv-" + (++counter), 1, annotations, Map.of(), now);
    pipe(deployments, Topics.DEPLOYMENTS, app, observed);
    return observed;
  }

  void deleted(AppKey app, String uid) {
    pipe(deployments, Topics.DEPLOYMENTS, app, DeploymentDeleted.of(app, uid, null, now));
  }

  void tombstone(AppKey app) {
    TestRecord<AppKey, DeploymentEvent> record = new TestRecord<>(app, null, null, now);
    fed.add(new Fed(Topics.DEPLOYMENTS.name(), app, null, record.headers(), now));
    deployments.pipeInput(record);
  }

  /** The chunks of a snapshot of partition 0 (the driver's only partition), not yet fed. */
  List<SnapshotComplete> snapshot(
      String id, String cluster, WatchScope scope, List<AppKey> keys, int maxChunkBytes) {
    return SnapshotComplete.chunks(id, cluster, scope, 0, keys, maxChunkBytes, now);
  }

  void feed(SnapshotComplete chunk) {
    pipe(deployments, Topics.DEPLOYMENTS, null, chunk);
  }

  /**
   * What the task of another partition sends once it has every chunk of snapshot {@code
   * snapshotId}: how many of the scope's apps it holds, and how many of them are missing.
   */
  void tally(
      String cluster,
      String snapshotId,
      Instant listedAt,
      int partition,
      int partitionCount,
      int inScope,
      int missing) {
    guardIn.pipeInput(
        new TestRecord<>(
            cluster,
            GuardMessage.of(
                new GuardMessage.PartitionTally(
                    GuardMessage.SCHEMA_VERSION,
                    cluster,
                    snapshotId,
                    listedAt,
                    partition,
                    partitionCount,
                    inScope,
                    missing)),
            null,
            now));
  }

  /** The records the planner wrote to its deletion-guard topic since the last call. */
  List<GuardMessage> guardMessages() {
    return guardOut.readValuesToList();
  }

  /** The result an actuator would write for {@code action}. */
  ActionResult answer(TestRecord<AppKey, Action> action, Outcome outcome) {
    Action value = action.value();
    ResourceState seen =
        !outcome.succeeded()
            ? null
            : value.actionType().name().startsWith("DELETE")
                ? ResourceState.absent()
                : ResourceState.managed(Map.of());
    return answer(action, outcome, seen);
  }

  ActionResult answer(TestRecord<AppKey, Action> action, Outcome outcome, ResourceState seen) {
    String cause = CloudEventHeaders.id(action.headers()).orElseThrow();
    ActionResult result =
        ActionResult.of(
            action.value(),
            outcome,
            seen,
            outcome.succeeded() ? null : "simulated " + outcome,
            cause,
            now);
    pipe(results, Topics.RESULTS, action.key(), result);
    return result;
  }

  void garbageDeployment(byte[] key, byte[] value) {
    rawDeployments.pipeInput(new TestRecord<>(key, value, null, now));
  }

  void garbageResult(byte[] key, byte[] value) {
    rawResults.pipeInput(new TestRecord<>(key, value, null, now));
  }

  /** Feeds a recorded input again, as it was (headers and time included). */
  @SuppressWarnings("unchecked")
  void replay(Fed record) {
    now = record.at();
    TestRecord<AppKey, Object> again =
        new TestRecord<>(record.key(), record.value(), record.headers(), record.at());
    if (record.topic().equals(Topics.DEPLOYMENTS.name())) {
      deployments.pipeInput((TestRecord<AppKey, DeploymentEvent>) (TestRecord<?, ?>) again);
    } else if (record.topic().equals(Topics.RESULTS.name())) {
      results.pipeInput((TestRecord<AppKey, ActionResult>) (TestRecord<?, ?>) again);
    } else {
      timersIn.pipeInput((TestRecord<AppKey, TimerFired>) (TestRecord<?, ?>) again);
    }
  }

  /** The actions emitted since the last call, for every kind. */
  List<TestRecord<AppKey, Action>> actions() {
    List<TestRecord<AppKey, Action>> all = new ArrayList<>();
    for (ActionKind kind : ActionKind.values()) {
      all.addAll(actions.get(kind).readRecordsToList());
    }
    emitted.addAll(all);
    return all;
  }

  /** Every action emitted so far. */
  List<TestRecord<AppKey, Action>> allActions() {
    actions();
    return emitted;
  }

  List<TestRecord<AppKey, AppStatus>> statuses() {
    List<TestRecord<AppKey, AppStatus>> records = statuses.readRecordsToList();
    statusRecords.addAll(records);
    return records;
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return dlq.readRecordsToList();
  }

  KeyValueStore<AppKey, AppStatus> statusStore() {
    return driver.getKeyValueStore(PlannerTopology.STATUS_STORE);
  }

  KeyValueStore<Object, Object> store(String name) {
    return driver.getKeyValueStore(name);
  }

  private <V extends VersionedRecord> void pipe(
      TestInputTopic<AppKey, V> topic, Topic<AppKey, V> catalogue, AppKey key, V value) {
    Headers headers =
        CloudEventHeaders.write(
            new RecordHeaders(),
            CloudEvent.of(
                "in-" + (++counter),
                RecordTypes.cloudEventType(value),
                Sources.watcher("test"),
                now));
    fed.add(new Fed(catalogue.name(), key, value, headers, now));
    topic.pipeInput(new TestRecord<>(key, value, headers, now));
  }

  private <V> TestInputTopic<AppKey, V> input(Topic<AppKey, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private <V> TestOutputTopic<AppKey, V> output(Topic<AppKey, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  @Override
  public void close() {
    driver.close();
  }
}

package dev.opstream.planner;

import dev.opstream.planner.core.AppState;
import dev.opstream.planner.core.Planner;
import dev.opstream.planner.core.ScopeTally;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.serde.AppKeySerde;
import dev.opstream.topics.serde.JsonSerde;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The planner's Kafka Streams topology. Four sources feed one processor: {@code
 * opstream.deployments}, {@code opstream.results} and {@code opstream.timers}, all keyed by app and
 * with the same partition count, so one task sees every record of an app in order; and the
 * deletion-guard topic ({@link #guardTopic}, keyed by cluster, as many partitions), on which the
 * tasks count each snapshot over its whole scope before any inferred deletion. The processor keeps
 * each app's state in named stores, runs the pure {@link Planner} for every record, and writes
 * actions to the topic of their kind, the app's status to {@code opstream.status}, timer firings to
 * {@code opstream.timers} (which it reads back) and unusable records to {@code opstream.dlq}.
 *
 * <p>A dry run ({@link PlannerConfig#dryRun()}) is the same topology with other output topics:
 * actions to {@code opstream.plan}, statuses to {@code opstream.plan.status}, timers to and from
 * {@code opstream.plan.timers}; it reads the same deployments and results, and no actuator sees
 * what it decides.
 *
 * <p>Node and store names are part of the contract with a running installation (changelog topics
 * are named after the stores): never rename them.
 */
public final class PlannerTopology {

  /** Each app's {@code AppState}: desired side, per-resource tracks, timers, last status. */
  public static final String APPS_STORE = "planner-apps";

  /** Each app's latest {@code AppStatus}: what the status API serves. */
  public static final String STATUS_STORE = "planner-status";

  /** The timers, keyed by due time: what the punctuator scans. */
  public static final String TIMERS_STORE = "planner-timers";

  /** Snapshot chunks received so far, per cluster. */
  public static final String SNAPSHOTS_STORE = "planner-snapshots";

  /** Per cluster, the apps a complete snapshot no longer lists, waiting for the scope's verdict. */
  public static final String PENDING_DELETIONS_STORE = "planner-pending-deletions";

  /** Per cluster, the partitions' counts of its latest snapshot (where the cluster's are sent). */
  public static final String SCOPE_TALLIES_STORE = "planner-scope-tallies";

  /** The deletion-guard topic's name after the application id, as Kafka Streams names its own. */
  public static final String GUARD_TOPIC_SUFFIX = "-deletion-guard";

  static final String DEPLOYMENTS_SOURCE = "deployments-source";
  static final String RESULTS_SOURCE = "results-source";
  static final String TIMERS_SOURCE = "timers-source";
  static final String PROCESSOR = "planner";
  static final String STATUS_SINK = "status-sink";
  static final String TIMERS_SINK = "timers-sink";
  static final String DLQ_SINK = "dlq-sink";
  static final String GUARD_SOURCE = "guard-source";
  static final String GUARD_TALLY_SINK = "guard-tally-sink";
  static final String GUARD_VERDICT_SINK = "guard-verdict-sink";

  private PlannerTopology() {}

  /** The topology for {@code config}. */
  public static Topology build(PlannerConfig config) {
    return build(config, PlannerListener.NONE);
  }

  /**
   * The topology for {@code config}, telling {@code listener} what it does, for an {@code
   * opstream.deployments} of one partition (as in a {@code TopologyTestDriver}).
   */
  public static Topology build(PlannerConfig config, PlannerListener listener) {
    return build(config, listener, 1);
  }

  /**
   * The topology for {@code config}, telling {@code listener} what it does.
   *
   * @param deploymentPartitions how many partitions {@code opstream.deployments} has: the
   *     mass-deletion guard waits for that many counts of a snapshot before it decides
   */
  public static Topology build(
      PlannerConfig config, PlannerListener listener, int deploymentPartitions) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(listener, "listener");
    if (deploymentPartitions < 1) {
      throw new IllegalArgumentException(
          "opstream.deployments must have at least 1 partition, has " + deploymentPartitions);
    }
    String guardTopic = guardTopic(config);
    Planner planner = new Planner(config.policy());
    Duration tick = config.timerTick();
    Topology topology = new Topology();
    source(topology, DEPLOYMENTS_SOURCE, Topics.DEPLOYMENTS);
    source(topology, RESULTS_SOURCE, Topics.RESULTS);
    Topic<AppKey, TimerFired> timers = config.dryRun() ? Topics.PLAN_TIMERS : Topics.TIMERS;
    source(topology, TIMERS_SOURCE, timers);
    topology.addSource(
        GUARD_SOURCE,
        Serdes.String().deserializer(),
        JsonSerde.of(GuardMessage.class).deserializer(),
        guardTopic);
    topology.addProcessor(
        PROCESSOR,
        () -> new PlannerProcessor(planner, tick, listener, deploymentPartitions, guardTopic),
        DEPLOYMENTS_SOURCE,
        RESULTS_SOURCE,
        TIMERS_SOURCE,
        GUARD_SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(APPS_STORE),
            new AppKeySerde(),
            JsonSerde.of(AppState.class)),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STATUS_STORE),
            new AppKeySerde(),
            Topics.STATUS.valueSerde()),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TIMERS_STORE),
            Serdes.String(),
            JsonSerde.of(TimerEntry.class)),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SNAPSHOTS_STORE),
            Serdes.String(),
            JsonSerde.of(SnapshotProgress.class)),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_DELETIONS_STORE),
            Serdes.String(),
            JsonSerde.of(PendingDeletions.class)),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SCOPE_TALLIES_STORE),
            Serdes.String(),
            JsonSerde.of(ScopeTally.class)),
        PROCESSOR);
    for (ActionKind kind : ActionKind.values()) {
      sink(topology, actionSink(kind), config.dryRun() ? Topics.PLAN : kind.topic());
    }
    // A partition's count goes to the one partition its cluster's key hashes to; a verdict goes to
    // every partition, each of which holds some of the scope's apps.
    topology.addSink(
        GUARD_TALLY_SINK,
        guardTopic,
        Serdes.String().serializer(),
        JsonSerde.of(GuardMessage.class).serializer(),
        PROCESSOR);
    topology.addSink(
        GUARD_VERDICT_SINK,
        guardTopic,
        Serdes.String().serializer(),
        JsonSerde.of(GuardMessage.class).serializer(),
        (topic, key, value, partitions) ->
            Optional.of(
                IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet())),
        PROCESSOR);
    sink(topology, STATUS_SINK, config.dryRun() ? Topics.PLAN_STATUS : Topics.STATUS);
    sink(topology, TIMERS_SINK, timers);
    topology.addSink(
        DLQ_SINK,
        Topics.DLQ.name(),
        Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer(),
        PROCESSOR);
    return topology;
  }

  /**
   * The topic on which the planner's tasks count snapshots for the mass-deletion guard: {@code
   * <application id>-deletion-guard}, with as many partitions as {@code opstream.deployments}
   * ({@link PlannerService} creates it).
   */
  public static String guardTopic(PlannerConfig config) {
    return config.applicationId() + GUARD_TOPIC_SUFFIX;
  }

  /** The sink node of {@code kind}'s actions topic. */
  static String actionSink(ActionKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + "-actions-sink";
  }

  private static void source(Topology topology, String name, Topic<AppKey, ?> topic) {
    topology.addSource(
        name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
  }

  private static void sink(Topology topology, String name, Topic<AppKey, ?> topic) {
    topology.addSink(
        name,
        topic.name(),
        topic.keySerde().serializer(),
        topic.valueSerde().serializer(),
        PROCESSOR);
  }
}

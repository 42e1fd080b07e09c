package dev.opstream.planner;

import dev.opstream.planner.core.AppState;
import dev.opstream.planner.core.Planner;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.serde.AppKeySerde;
import dev.opstream.topics.serde.JsonSerde;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The planner's Kafka Streams topology. Three sources feed one processor: {@code
 * opstream.deployments}, {@code opstream.results} and {@code opstream.timers}, all keyed by app and
 * with the same partition count, so one task sees every record of an app in order. The processor
 * keeps each app's state in named stores, runs the pure {@link Planner} for every record, and
 * writes actions to the topic of their kind, the app's status to {@code opstream.status}, timer
 * firings to {@code opstream.timers} (which it reads back) and unusable records to {@code
 * opstream.dlq}.
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

  static final String DEPLOYMENTS_SOURCE = "deployments-source";
  static final String RESULTS_SOURCE = "results-source";
  static final String TIMERS_SOURCE = "timers-source";
  static final String PROCESSOR = "planner";
  static final String STATUS_SINK = "status-sink";
  static final String TIMERS_SINK = "timers-sink";
  static final String DLQ_SINK = "dlq-sink";

  private PlannerTopology() {}

  /** The topology for {@code config}. */
  public static Topology build(PlannerConfig config) {
    return build(config, PlannerListener.NONE);
  }

  /** The topology for {@code config}, telling {@code listener} what it does. */
  public static Topology build(PlannerConfig config, PlannerListener listener) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(listener, "listener");
    Planner planner = new Planner(config.policy());
    Duration tick = config.timerTick();
    Topology topology = new Topology();
    source(topology, DEPLOYMENTS_SOURCE, Topics.DEPLOYMENTS);
    source(topology, RESULTS_SOURCE, Topics.RESULTS);
    Topic<AppKey, TimerFired> timers = config.dryRun() ? Topics.PLAN_TIMERS : Topics.TIMERS;
    source(topology, TIMERS_SOURCE, timers);
    topology.addProcessor(
        PROCESSOR,
        () -> new PlannerProcessor(planner, tick, listener),
        DEPLOYMENTS_SOURCE,
        RESULTS_SOURCE,
        TIMERS_SOURCE);
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
    for (ActionKind kind : ActionKind.values()) {
      sink(topology, actionSink(kind), config.dryRun() ? Topics.PLAN : kind.topic());
    }
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

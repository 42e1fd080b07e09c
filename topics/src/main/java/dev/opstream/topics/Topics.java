package dev.opstream.topics;

import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.serde.AppKeySerde;
import dev.opstream.topics.serde.JsonSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every opstream topic: the only place topic names live. All but the dead-letter topic are keyed by
 * {@link AppKey}, so one app's records stay in order on one partition. Partitions and configs come
 * from {@link TopicCatalogue}.
 */
public final class Topics {

  /** What the watchers observed: {@code DeploymentObserved}, deletion markers, snapshots. */
  public static final Topic<AppKey, DeploymentEvent> DEPLOYMENTS =
      new Topic<>("opstream.deployments", new AppKeySerde(), JsonSerde.of(DeploymentEvent.class));

  /** What the planner decided about buckets. */
  public static final Topic<AppKey, Action> ACTIONS_BUCKET = actionTopic("opstream.actions.bucket");

  /** What the planner decided about Redis releases. */
  public static final Topic<AppKey, Action> ACTIONS_REDIS = actionTopic("opstream.actions.redis");

  /** What the planner decided about backup CronJobs. */
  public static final Topic<AppKey, Action> ACTIONS_CRONJOB =
      actionTopic("opstream.actions.cronjob");

  /** What the actuators did. */
  public static final Topic<AppKey, ActionResult> RESULTS =
      new Topic<>("opstream.results", new AppKeySerde(), JsonSerde.of(ActionResult.class));

  /** The planner's timer firings. */
  public static final Topic<AppKey, TimerFired> TIMERS =
      new Topic<>("opstream.timers", new AppKeySerde(), JsonSerde.of(TimerFired.class));

  /** The latest status per app (compacted). */
  public static final Topic<AppKey, AppStatus> STATUS =
      new Topic<>("opstream.status", new AppKeySerde(), JsonSerde.of(AppStatus.class));

  /**
   * What a dry-run planner ({@code opstream planner --dry-run}) decided: its actions, which no
   * actuator reads.
   */
  public static final Topic<AppKey, Action> PLAN = actionTopic("opstream.plan");

  /** A dry-run planner's own timer firings (it reads them back, as the planner does its own). */
  public static final Topic<AppKey, TimerFired> PLAN_TIMERS =
      new Topic<>("opstream.plan.timers", new AppKeySerde(), JsonSerde.of(TimerFired.class));

  /** A dry-run planner's latest status per app (compacted), apart from the real statuses. */
  public static final Topic<AppKey, AppStatus> PLAN_STATUS =
      new Topic<>("opstream.plan.status", new AppKeySerde(), JsonSerde.of(AppStatus.class));

  /** Records no stage could read: original key and value bytes, reason and origin in headers. */
  public static final Topic<byte[], byte[]> DLQ =
      new Topic<>("opstream.dlq", Serdes.ByteArray(), Serdes.ByteArray());

  private static final List<Topic<?, ?>> ALL =
      List.of(
          DEPLOYMENTS,
          ACTIONS_BUCKET,
          ACTIONS_REDIS,
          ACTIONS_CRONJOB,
          RESULTS,
          TIMERS,
          STATUS,
          DLQ,
          PLAN,
          PLAN_TIMERS,
          PLAN_STATUS);

  private Topics() {}

  /** The actions topic of {@code kind}. */
  public static Topic<AppKey, Action> actions(ActionKind kind) {
    return switch (kind) {
      case BUCKET -> ACTIONS_BUCKET;
      case REDIS -> ACTIONS_REDIS;
      case CRONJOB -> ACTIONS_CRONJOB;
    };
  }

  /** Every topic, in pipeline order. */
  public static List<Topic<?, ?>> all() {
    return ALL;
  }

  private static Topic<AppKey, Action> actionTopic(String name) {
    return new Topic<>(name, new AppKeySerde(), JsonSerde.of(Action.class));
  }
}

package dev.opstream.replay.plan;

import dev.opstream.replay.AppSelector;
import dev.opstream.replay.Progress;
import dev.opstream.replay.ReplayException;
import dev.opstream.replay.ReplayRange;
import dev.opstream.replay.ReplayTopics;
import dev.opstream.replay.TopicReader;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.serde.Decoded;
import dev.opstream.topics.serde.SafeDeserializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * {@code opstream replay --plan}: feeds the recorded planner inputs, from the earliest offset to
 * the range's end, through a {@link ShadowPlanner} (one per partition, like the planner's tasks),
 * and compares the actions it decides inside the range with the actions recorded inside the range.
 * Actions are the same when type, id and attempt are (ids are deterministic hashes of the app, the
 * Deployment, the kind and the desired spec). Matched pairs are dropped as they are found, so
 * memory holds only what differs (and what is still waiting for its twin).
 */
public final class ShadowPlan {

  /**
   * What the comparison found.
   *
   * @param inputs recorded planner inputs fed to the shadow planner
   * @param recordedActions recorded actions inside the range
   * @param shadowActions shadow actions inside the range
   * @param differences every app whose actions differ, sorted by app
   */
  public record Report(
      long inputs, long recordedActions, long shadowActions, List<PlanDifference> differences) {}

  private final Properties clientConfig;
  private final ShadowPlanner planner;

  public ShadowPlan(Properties clientConfig, ShadowPlanner planner) {
    this.clientConfig = clientConfig;
    this.planner = planner;
  }

  public Report compare(ReplayRange range, AppSelector selector, Progress progress) {
    if (!range.byTime()) {
      throw ReplayException.permanent(
          "--plan compares by time: give --from and --to as times (or leave them out), not offsets");
    }
    Comparison comparison = new Comparison(range, selector);
    List<TopicReader.Source> sources = new ArrayList<>();
    ReplayRange history = range.fromEarliest();
    for (String topic : ReplayTopics.PLANNER_INPUTS) {
      sources.add(new TopicReader.Source(topic, history));
    }
    for (String topic : ReplayTopics.ACTIONS) {
      sources.add(new TopicReader.Source(topic, range));
    }
    try (TopicReader reader = new TopicReader(clientConfig)) {
      reader.read(sources, selector, comparison::accept, progress);
    } finally {
      comparison.close();
    }
    return comparison.report();
  }

  /** The running comparison: shadow planners per partition and the unmatched actions per app. */
  private final class Comparison {
    private final ReplayRange range;
    private final AppSelector selector;
    private final Map<Integer, ShadowPlanner.Partition> partitions = new TreeMap<>();
    private final Map<AppKey, Map<String, Tally>> open = new HashMap<>();
    private final SafeDeserializer<AppKey, Action> actions =
        SafeDeserializer.of(Topics.ACTIONS_BUCKET);
    private final SafeDeserializer<AppKey, ?> deployments = SafeDeserializer.of(Topics.DEPLOYMENTS);
    private final Deserializer<AppKey> keys = Topics.DEPLOYMENTS.keySerde().deserializer();
    private long inputs;
    private long recorded;
    private long shadow;

    Comparison(ReplayRange range, AppSelector selector) {
      this.range = range;
      this.selector = selector;
    }

    void accept(ConsumerRecord<byte[], byte[]> raw) {
      if (ReplayTopics.ACTIONS.contains(raw.topic())) {
        if (actions.decode(raw) instanceof Decoded.Value<AppKey, Action> value
            && value.value() != null
            && selector.selects(value.key())) {
          Instant at = Instant.ofEpochMilli(raw.timestamp());
          if (range.covers(at)) {
            recorded++;
            tally(value.key(), ActionSummary.of(value.value(), at), true);
          }
        }
        return;
      }
      if (!selected(raw)) {
        return;
      }
      inputs++;
      ShadowPlanner.Partition partition =
          partitions.computeIfAbsent(raw.partition(), planner::open);
      for (ShadowPlanner.PlannedAction planned : partition.feed(raw)) {
        AppKey app = planned.action().app();
        if (range.covers(planned.at()) && selector.selects(app)) {
          shadow++;
          tally(app, ActionSummary.of(planned.action(), planned.at()), false);
        }
      }
    }

    private boolean selected(ConsumerRecord<byte[], byte[]> raw) {
      if (raw.key() != null) {
        try {
          return selector.selects(keys.deserialize(raw.topic(), raw.key()));
        } catch (RuntimeException e) {
          return true; // unreadable: the shadow planner dead-letters it as the planner did
        }
      }
      return deployments.decode(raw) instanceof Decoded.Value<AppKey, ?> value
          && value.value() instanceof SnapshotComplete snapshot
          && selector.selectsCluster(snapshot.cluster());
    }

    private void tally(AppKey app, ActionSummary action, boolean isRecorded) {
      Map<String, Tally> tallies = open.computeIfAbsent(app, key -> new LinkedHashMap<>());
      Tally tally = tallies.computeIfAbsent(action.identity(), id -> new Tally());
      (isRecorded ? tally.recorded : tally.shadow).add(action);
      if (!tally.recorded.isEmpty() && !tally.shadow.isEmpty()) {
        tally.recorded.remove(0);
        tally.shadow.remove(0);
      }
      if (tally.recorded.isEmpty() && tally.shadow.isEmpty()) {
        tallies.remove(action.identity());
        if (tallies.isEmpty()) {
          open.remove(app);
        }
      }
    }

    Report report() {
      List<PlanDifference> differences = new ArrayList<>();
      new TreeMap<>(open)
          .forEach(
              (app, tallies) -> {
                List<ActionSummary> onlyRecorded = new ArrayList<>();
                List<ActionSummary> onlyShadow = new ArrayList<>();
                for (Tally tally : tallies.values()) {
                  onlyRecorded.addAll(tally.recorded);
                  onlyShadow.addAll(tally.shadow);
                }
                differences.add(new PlanDifference(app, onlyRecorded, onlyShadow));
              });
      return new Report(inputs, recorded, shadow, differences);
    }

    void close() {
      partitions.values().forEach(ShadowPlanner.Partition::close);
      partitions.clear();
    }
  }

  /** The copies of one action seen on each side and not yet matched. */
  private static final class Tally {
    final List<ActionSummary> recorded = new ArrayList<>(1);
    final List<ActionSummary> shadow = new ArrayList<>(1);
  }
}

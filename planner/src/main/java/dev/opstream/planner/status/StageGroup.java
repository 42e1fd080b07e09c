package dev.opstream.planner.status;

import dev.opstream.topics.Topics;
import dev.opstream.topics.records.ActionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stage of the pipeline as Kafka sees it: a consumer group and the topics it reads.
 *
 * @param stage the stage, in words
 * @param group the consumer group id
 * @param topics the topics it reads
 */
public record StageGroup(String stage, String group, List<String> topics) {

  /** The watchers' status consumers are named {@code opstream-watcher-<cluster>}. */
  public static final String WATCHER_GROUP_PREFIX = "opstream-watcher-";

  public StageGroup {
    topics = List.copyOf(topics);
  }

  /** The planner (its application id names its group) and the actuators' default groups. */
  public static List<StageGroup> pipeline(String plannerApplicationId) {
    List<StageGroup> groups = new ArrayList<>();
    groups.add(
        new StageGroup(
            "planner",
            plannerApplicationId,
            List.of(Topics.DEPLOYMENTS.name(), Topics.RESULTS.name(), Topics.TIMERS.name())));
    for (ActionKind kind : ActionKind.values()) {
      String name = kind.name().toLowerCase(Locale.ROOT);
      groups.add(
          new StageGroup(
              "actuator " + name,
              "opstream-actuator-" + name,
              List.of(Topics.actions(kind).name())));
    }
    return groups;
  }

  /** The watcher of the cluster that {@code group} names, or null if it names none. */
  public static StageGroup watcher(String group) {
    if (!group.startsWith(WATCHER_GROUP_PREFIX)
        || group.length() == WATCHER_GROUP_PREFIX.length()) {
      return null;
    }
    return new StageGroup(
        "watcher " + group.substring(WATCHER_GROUP_PREFIX.length()),
        group,
        List.of(Topics.STATUS.name()));
  }
}

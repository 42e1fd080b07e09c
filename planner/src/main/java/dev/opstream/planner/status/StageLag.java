package dev.opstream.planner.status;

import java.util.List;

/**
 * How far behind one stage of the pipeline is: the records on its input topics that its consumer
 * group has not committed yet.
 *
 * @param stage the stage, in words ({@code planner}, {@code actuator bucket}, {@code watcher eks})
 * @param group its consumer group (the planner's application id, {@code opstream-actuator-<kind>},
 *     {@code opstream-watcher-<cluster>})
 * @param topics the topics it reads
 * @param lag the records not yet committed, summed over the topics' partitions; -1 when unknown
 * @param members the group's members now (0: no instance of the stage is running); -1 when unknown
 * @param state the group's state as the broker reports it ({@code STABLE}, {@code EMPTY}, ...)
 * @param error why the lag could not be read, or null
 */
public record StageLag(
    String stage,
    String group,
    List<String> topics,
    long lag,
    int members,
    String state,
    String error) {

  public StageLag {
    topics = List.copyOf(topics);
  }

  static StageLag failed(StageGroup group, String error) {
    return new StageLag(group.stage(), group.group(), group.topics(), -1, -1, "UNKNOWN", error);
  }
}

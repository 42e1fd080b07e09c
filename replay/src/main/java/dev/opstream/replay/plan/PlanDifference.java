package dev.opstream.replay.plan;

import dev.opstream.topics.records.AppKey;
import java.util.List;

/**
 * Where the shadow planner's decisions for one app differ from the recorded ones.
 *
 * @param app the app
 * @param onlyRecorded actions the running planner decided that the shadow planner did not
 * @param onlyShadow actions the shadow planner decided that the running planner did not
 */
public record PlanDifference(
    AppKey app, List<ActionSummary> onlyRecorded, List<ActionSummary> onlyShadow) {

  public PlanDifference {
    onlyRecorded = List.copyOf(onlyRecorded);
    onlyShadow = List.copyOf(onlyShadow);
  }
}

package dev.opstream.replay;

import dev.opstream.topics.Topics;
import java.util.List;

/** The topics a replay reads, in the order records of equal timestamps are taken. */
public final class ReplayTopics {

  /** Inputs of the planner (observations first, then timers, then results). */
  public static final List<String> PLANNER_INPUTS =
      List.of(Topics.DEPLOYMENTS.name(), Topics.TIMERS.name(), Topics.RESULTS.name());

  /** The planner's decisions. */
  public static final List<String> ACTIONS =
      List.of(
          Topics.ACTIONS_BUCKET.name(), Topics.ACTIONS_REDIS.name(), Topics.ACTIONS_CRONJOB.name());

  /**
   * Everything a chain is made of. A decision has the timestamp of the record that caused it, so at
   * equal timestamps causes (observations, timers, results) come before actions.
   */
  public static final List<String> CHAIN =
      List.of(
          Topics.DEPLOYMENTS.name(),
          Topics.TIMERS.name(),
          Topics.RESULTS.name(),
          Topics.ACTIONS_BUCKET.name(),
          Topics.ACTIONS_REDIS.name(),
          Topics.ACTIONS_CRONJOB.name());

  private ReplayTopics() {}
}

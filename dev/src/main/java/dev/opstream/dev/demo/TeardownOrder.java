package dev.opstream.dev.demo;

import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.ActionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, from one app's results in the order they were written to {@code opstream.results} (one
 * partition per app, so that order is the order the actuators finished in), that its teardown went
 * CronJob first, then Redis and the bucket. Pure.
 */
public final class TeardownOrder {

  private TeardownOrder() {}

  /** The delete results, in words ({@code DELETE_BACKUP_CRONJOB DELETED, ...}), in order. */
  public static List<String> describe(List<ActionResult> results) {
    List<String> words = new ArrayList<>();
    for (ActionResult result : deletes(results)) {
      words.add(result.actionType() + " " + result.outcome());
    }
    return words;
  }

  /**
   * What is wrong with the order, if anything: the CronJob's delete must have succeeded, Redis and
   * the bucket must have been deleted, and neither of those may come before the CronJob's
   * successful delete.
   */
  public static Optional<String> problem(List<ActionResult> results) {
    List<ActionResult> deletes = deletes(results);
    int cronJob = firstSuccess(deletes, ActionType.DELETE_BACKUP_CRONJOB);
    int redis = firstSuccess(deletes, ActionType.DELETE_REDIS);
    int bucket = firstSuccess(deletes, ActionType.DELETE_BUCKET);
    if (cronJob < 0) {
      return Optional.of("no successful DELETE_BACKUP_CRONJOB result");
    }
    if (redis < 0 || bucket < 0) {
      return Optional.of(
          "no successful " + (redis < 0 ? "DELETE_REDIS" : "DELETE_BUCKET") + " result");
    }
    for (int i = 0; i < cronJob; i++) {
      ActionType type = deletes.get(i).actionType();
      if (type == ActionType.DELETE_REDIS || type == ActionType.DELETE_BUCKET) {
        return Optional.of(type + " came before the CronJob was deleted");
      }
    }
    return Optional.empty();
  }

  private static List<ActionResult> deletes(List<ActionResult> results) {
    return results.stream()
        .filter(
            result ->
                result.actionType() == ActionType.DELETE_BACKUP_CRONJOB
                    || result.actionType() == ActionType.DELETE_REDIS
                    || result.actionType() == ActionType.DELETE_BUCKET)
        .toList();
  }

  private static int firstSuccess(List<ActionResult> deletes, ActionType type) {
    for (int i = 0; i < deletes.size(); i++) {
      if (deletes.get(i).actionType() == type && deletes.get(i).outcome().succeeded()) {
        return i;
      }
    }
    return -1;
  }
}

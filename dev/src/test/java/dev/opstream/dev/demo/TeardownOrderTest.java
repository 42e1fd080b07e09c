package dev.opstream.dev.demo;

import static dev.opstream.topics.records.ActionType.DELETE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.DELETE_BUCKET;
import static dev.opstream.topics.records.ActionType.DELETE_REDIS;
import static dev.opstream.topics.records.ActionType.ENSURE_BUCKET;
import static dev.opstream.topics.records.Outcome.CREATED;
import static dev.opstream.topics.records.Outcome.DELETED;
import static dev.opstream.topics.records.Outcome.FAILED_RETRYABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeardownOrderTest {

  private static ActionResult result(ActionType type, Outcome outcome) {
    return new ActionResult(
        ActionResult.SCHEMA_VERSION,
        "id-" + type,
        type,
        type.fixedKind(),
        new AppKey("eks", "default", "shop"),
        "uid-1",
        1,
        outcome,
        null,
        outcome.succeeded() ? null : "it failed",
        "cause",
        Instant.parse("2026-12-04T20:00:00Z"));
  }

  @Test
  void cronJobThenRedisThenBucketIsInOrder() {
    List<ActionResult> results =
        List.of(
            result(ENSURE_BUCKET, CREATED),
            result(DELETE_BACKUP_CRONJOB, DELETED),
            result(DELETE_REDIS, DELETED),
            result(DELETE_BUCKET, DELETED));

    assertThat(TeardownOrder.problem(results)).isEmpty();
    assertThat(TeardownOrder.describe(results))
        .containsExactly(
            "DELETE_BACKUP_CRONJOB DELETED", "DELETE_REDIS DELETED", "DELETE_BUCKET DELETED");
  }

  @Test
  void aRetriedCronJobDeleteCountsFromItsSuccess() {
    assertThat(
            TeardownOrder.problem(
                List.of(
                    result(DELETE_BACKUP_CRONJOB, FAILED_RETRYABLE),
                    result(DELETE_BACKUP_CRONJOB, DELETED),
                    result(DELETE_BUCKET, DELETED),
                    result(DELETE_REDIS, DELETED))))
        .isEmpty();
  }

  @Test
  void aBucketDeletedBeforeTheCronJobIsOutOfOrder() {
    assertThat(
            TeardownOrder.problem(
                List.of(
                    result(DELETE_BUCKET, DELETED),
                    result(DELETE_BACKUP_CRONJOB, DELETED),
                    result(DELETE_REDIS, DELETED))))
        .contains("DELETE_BUCKET came before the CronJob was deleted");
  }

  @Test
  void aMissingDeleteIsAProblem() {
    assertThat(TeardownOrder.problem(List.of(result(DELETE_BACKUP_CRONJOB, DELETED))))
        .contains("no successful DELETE_REDIS result");
    assertThat(TeardownOrder.problem(List.of(result(DELETE_REDIS, DELETED))))
        .contains("no successful DELETE_BACKUP_CRONJOB result");
  }
}

package dev.opstream.topics.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which open transactions hang, the way Kafka's {@code kafka-transactions.sh find-hanging}
 * does. Pure: the broker's answers come in, the verdict goes out.
 *
 * <p>A transaction is a candidate when its producer last wrote to the partition longer ago than the
 * threshold (which must exceed the producers' {@code transaction.timeout.ms}: a live transaction
 * that old would have been aborted by its coordinator). A candidate hangs when no coordinator will
 * ever write its marker: no transactional id has its producer id, the coordinator does not know
 * that transactional id, or the coordinator's transaction does not list the partition (it has
 * completed, or moved on to another transaction elsewhere). When the coordinator lists the
 * partition it still owes the marker: the transaction is live and is never aborted.
 */
public final class HangingTransactionJudge {

  private HangingTransactionJudge() {}

  /** The open transactions whose producer last wrote longer ago than {@code olderThan}. */
  public static List<OpenTransaction> candidates(
      List<OpenTransaction> open, Instant now, Duration olderThan) {
    return open.stream()
        .filter(txn -> now.toEpochMilli() - txn.lastTimestampMs() > olderThan.toMillis())
        .toList();
  }

  /**
   * Whether {@code candidate} hangs.
   *
   * @param transactionalIds the transactional id of each producer id the coordinators listed
   * @param coordinator what the coordinator says about each of those transactional ids (absent:
   *     unknown to it)
   */
  public static boolean hangs(
      OpenTransaction candidate,
      Map<Long, String> transactionalIds,
      Map<String, CoordinatorTransaction> coordinator) {
    String transactionalId = transactionalIds.get(candidate.producerId());
    if (transactionalId == null) {
      return true;
    }
    Optional<CoordinatorTransaction> description =
        Optional.ofNullable(coordinator.get(transactionalId));
    return description.map(txn -> !txn.partitions().contains(candidate.partition())).orElse(true);
  }

  /** The coordinator epoch for the abort marker: the partition's, or 0 when it saw none. */
  public static int abortCoordinatorEpoch(OpenTransaction hanging) {
    // As kafka-transactions.sh abort: 0 is at most any coordinator epoch the partition knows.
    return Math.max(0, hanging.coordinatorEpoch());
  }
}

package dev.opstream.topics.admin;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What the transaction coordinator says about a transactional id ({@code DescribeTransactions}).
 *
 * @param transactionalId the transactional id
 * @param producerId its current producer id
 * @param producerEpoch its current producer epoch
 * @param state the coordinator's state ({@code Ongoing}, {@code PrepareCommit}, {@code
 *     CompleteCommit}, ...)
 * @param partitions the partitions it still owes a marker: those of an ongoing transaction, or
 *     those not yet written in {@code PrepareCommit}/{@code PrepareAbort}; empty once complete
 */
public record CoordinatorTransaction(
    String transactionalId,
    long producerId,
    short producerEpoch,
    String state,
    Set<TopicPartition> partitions) {

  public CoordinatorTransaction {
    partitions = Set.copyOf(partitions);
  }
}

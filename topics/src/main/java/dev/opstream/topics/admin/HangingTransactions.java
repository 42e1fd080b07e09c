package dev.opstream.topics.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbortTransactionOptions;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersOptions;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.clients.admin.DescribeTransactionsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and aborts hanging transactions on a broker, as {@code kafka-transactions.sh find-hanging}
 * and {@code abort} do: {@code DescribeProducers} on every partition for open transactions older
 * than a threshold, {@code ListTransactions} (by producer id) and {@code DescribeTransactions} to
 * ask their coordinators, {@link HangingTransactionJudge} to decide, and {@code WriteTxnMarkers}
 * (through {@link Admin#abortTransaction}) to abort. Aborting needs the {@code ClusterAction}
 * operation on the {@code Cluster} resource. Every broker call is bounded by the timeout.
 */
public final class HangingTransactions {

  private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);

  /** As kafka-transactions.sh: no giant request to a broker. */
  private static final int BATCH = 500;

  private final Admin admin;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param admin a connected Kafka admin client; the caller closes it
   * @param timeout the limit for each broker call
   * @param clock the clock the threshold is measured on (the broker's timestamps are wall clock)
   */
  public HangingTransactions(Admin admin, Duration timeout, Clock clock) {
    this.admin = admin;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * What a search found.
   *
   * @param open every open transaction on the partitions searched, of any age
   * @param hanging those older than the threshold that no coordinator will complete
   */
  public record Scan(List<OpenTransaction> open, List<OpenTransaction> hanging) {}

  /** The names of the (non-internal) topics that {@code wanted} accepts. */
  public List<String> topics(Predicate<String> wanted) {
    Set<String> names =
        await(
            admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs())).names(),
            "list topics");
    return names.stream().filter(wanted).sorted().toList();
  }

  /** Finds the hanging transactions on every partition of {@code topics}. */
  public Scan find(Collection<String> topics, Duration olderThan) {
    List<OpenTransaction> open = openTransactions(partitions(topics));
    List<OpenTransaction> candidates =
        HangingTransactionJudge.candidates(open, clock.instant(), olderThan);
    if (candidates.isEmpty()) {
      return new Scan(open, List.of());
    }
    Set<Long> producerIds =
        candidates.stream().map(OpenTransaction::producerId).collect(Collectors.toSet());
    Map<Long, String> transactionalIds = transactionalIds(producerIds);
    Map<String, CoordinatorTransaction> coordinator =
        describeTransactions(new TreeSet<>(transactionalIds.values()));
    List<OpenTransaction> hanging =
        candidates.stream()
            .filter(txn -> HangingTransactionJudge.hangs(txn, transactionalIds, coordinator))
            .toList();
    return new Scan(open, hanging);
  }

  /** Writes an abort marker for {@code hanging} to its partition. */
  public void abort(OpenTransaction hanging) {
    AbortTransactionSpec spec =
        new AbortTransactionSpec(
            hanging.partition(),
            hanging.producerId(),
            hanging.producerEpoch(),
            HangingTransactionJudge.abortCoordinatorEpoch(hanging));
    await(
        admin.abortTransaction(spec, new AbortTransactionOptions().timeoutMs(timeoutMs())).all(),
        "abort the transaction " + hanging.describe());
  }

  /** Finds the hanging transactions and aborts each; returns those aborted. */
  public List<OpenTransaction> abortHanging(Collection<String> topics, Duration olderThan) {
    List<OpenTransaction> aborted = new ArrayList<>();
    for (OpenTransaction hanging : find(topics, olderThan).hanging()) {
      abort(hanging);
      LOG.warn("Aborted a hanging transaction on {}", hanging.describe());
      aborted.add(hanging);
    }
    return aborted;
  }

  private List<TopicPartition> partitions(Collection<String> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (List<String> batch : batches(List.copyOf(topics))) {
      Map<String, TopicDescription> descriptions =
          await(
              admin
                  .describeTopics(batch, new DescribeTopicsOptions().timeoutMs(timeoutMs()))
                  .allTopicNames(),
              "describe topics " + batch);
      descriptions.forEach(
          (topic, description) ->
              description
                  .partitions()
                  .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
    }
    return partitions;
  }

  private List<OpenTransaction> openTransactions(List<TopicPartition> partitions) {
    List<OpenTransaction> open = new ArrayList<>();
    for (List<TopicPartition> batch : batches(partitions)) {
      Map<TopicPartition, PartitionProducerState> states =
          await(
              admin
                  .describeProducers(batch, new DescribeProducersOptions().timeoutMs(timeoutMs()))
                  .all(),
              "describe the producers of " + batch.size() + " partitions");
      states.forEach(
          (partition, state) -> {
            for (ProducerState producer : state.activeProducers()) {
              if (producer.currentTransactionStartOffset().isPresent()) {
                open.add(
                    new OpenTransaction(
                        partition,
                        producer.producerId(),
                        (short) producer.producerEpoch(),
                        producer.coordinatorEpoch().orElse(-1),
                        producer.currentTransactionStartOffset().getAsLong(),
                        producer.lastTimestamp()));
              }
            }
          });
    }
    return open;
  }

  private Map<Long, String> transactionalIds(Set<Long> producerIds) {
    Collection<TransactionListing> listings =
        await(
            admin
                .listTransactions(
                    new ListTransactionsOptions()
                        .filterProducerIds(producerIds)
                        .timeoutMs(timeoutMs()))
                .all(),
            "list the transactions of producers " + producerIds);
    Map<Long, String> ids = new HashMap<>();
    for (TransactionListing listing : listings) {
      if (producerIds.contains(listing.producerId())) {
        ids.put(listing.producerId(), listing.transactionalId());
      }
    }
    return ids;
  }

  private Map<String, CoordinatorTransaction> describeTransactions(Set<String> transactionalIds) {
    if (transactionalIds.isEmpty()) {
      return Map.of();
    }
    DescribeTransactionsResult result =
        admin.describeTransactions(
            transactionalIds, new DescribeTransactionsOptions().timeoutMs(timeoutMs()));
    Map<String, CoordinatorTransaction> described = new HashMap<>();
    for (String id : transactionalIds) {
      try {
        TransactionDescription description =
            await(result.description(id), "describe the transaction of " + id);
        described.put(
            id,
            new CoordinatorTransaction(
                id,
                description.producerId(),
                (short) description.producerEpoch(),
                description.state().toString(),
                description.topicPartitions()));
      } catch (TopicAdminException e) {
        if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
          throw e;
        }
        // Unknown to the coordinator: nobody will complete its transactions.
      }
    }
    return described;
  }

  private static <T> List<List<T>> batches(List<T> items) {
    List<List<T>> batches = new ArrayList<>();
    for (int start = 0; start < items.size(); start += BATCH) {
      batches.add(items.subList(start, Math.min(items.size(), start + BATCH)));
    }
    return batches;
  }

  private int timeoutMs() {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TopicAdminException("timed out after " + timeout + " trying to " + what, e);
    } catch (ExecutionException e) {
      throw new TopicAdminException(
          "could not " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicAdminException("interrupted trying to " + what, e);
    }
  }
}

package dev.opstream.topics.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HangingTransactionJudgeTest {

  private static final TopicPartition BUCKET_7 = new TopicPartition("opstream.actions.bucket", 7);
  private static final TopicPartition BUCKET_8 = new TopicPartition("opstream.actions.bucket", 8);
  private static final Instant NOW = Instant.parse("2026-12-04T21:00:00Z");
  private static final long PRODUCER = 42;
  private static final String TXN_ID = "opstream-planner-0_7";

  private static OpenTransaction open(TopicPartition partition, Duration age) {
    return new OpenTransaction(
        partition, PRODUCER, (short) 168, 3, 14, NOW.minus(age).toEpochMilli());
  }

  private static CoordinatorTransaction coordinator(
      int epoch, String state, Set<TopicPartition> partitions) {
    return new CoordinatorTransaction(TXN_ID, PRODUCER, (short) epoch, state, partitions);
  }

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("no transactional id has the producer id", Map.of(), Map.of(), true),
        Arguments.of(
            "the coordinator does not know the transactional id",
            Map.of(PRODUCER, TXN_ID),
            Map.of(),
            true),
        Arguments.of(
            "the coordinator completed the commit (the e2e case: epoch 1092 CompleteCommit)",
            Map.of(PRODUCER, TXN_ID),
            Map.of(TXN_ID, coordinator(1092, "CompleteCommit", Set.of())),
            true),
        Arguments.of(
            "the coordinator completed an abort",
            Map.of(PRODUCER, TXN_ID),
            Map.of(TXN_ID, coordinator(168, "CompleteAbort", Set.of())),
            true),
        Arguments.of(
            "the coordinator has nothing going on",
            Map.of(PRODUCER, TXN_ID),
            Map.of(TXN_ID, coordinator(168, "Empty", Set.of())),
            true),
        Arguments.of(
            "the coordinator's ongoing transaction is on other partitions only",
            Map.of(PRODUCER, TXN_ID),
            Map.of(TXN_ID, coordinator(169, "Ongoing", Set.of(BUCKET_8))),
            true),
        Arguments.of(
            "the coordinator's ongoing transaction includes the partition",
            Map.of(PRODUCER, TXN_ID),
            Map.of(TXN_ID, coordinator(168, "Ongoing", Set.of(BUCKET_7, BUCKET_8))),
            false),
        Arguments.of(
            "the coordinator still owes the partition a commit marker",
            Map.of(PRODUCER, TXN_ID),
            Map.of(TXN_ID, coordinator(168, "PrepareCommit", Set.of(BUCKET_7))),
            false),
        Arguments.of(
            "the coordinator still owes the partition an abort marker",
            Map.of(PRODUCER, TXN_ID),
            Map.of(TXN_ID, coordinator(168, "PrepareAbort", Set.of(BUCKET_7))),
            false));
  }

  @ParameterizedTest(name = "{0}: hangs={3}")
  @MethodSource("verdicts")
  void anOldOpenTransactionHangsUnlessItsCoordinatorStillOwesThePartitionAMarker(
      String situation,
      Map<Long, String> transactionalIds,
      Map<String, CoordinatorTransaction> coordinators,
      boolean hangs) {
    assertThat(
            HangingTransactionJudge.hangs(
                open(BUCKET_7, Duration.ofMinutes(10)), transactionalIds, coordinators))
        .as(situation)
        .isEqualTo(hangs);
  }

  @Test
  void onlyTransactionsLastWrittenLongerAgoThanTheThresholdAreCandidates() {
    OpenTransaction young = open(BUCKET_7, Duration.ofMinutes(4));
    OpenTransaction exactlyAtThreshold = open(BUCKET_8, Duration.ofMinutes(5));
    OpenTransaction old = open(BUCKET_8, Duration.ofMinutes(6));

    assertThat(
            HangingTransactionJudge.candidates(
                List.of(young, exactlyAtThreshold, old), NOW, Duration.ofMinutes(5)))
        .containsExactly(old);
  }

  @Test
  void aZeroThresholdMakesEveryOlderTransactionACandidate() {
    OpenTransaction justWritten = open(BUCKET_7, Duration.ofMillis(1));

    assertThat(HangingTransactionJudge.candidates(List.of(justWritten), NOW, Duration.ZERO))
        .containsExactly(justWritten);
  }

  @Test
  void theAbortUsesThePartitionsCoordinatorEpochOrZeroWhenItSawNone() {
    OpenTransaction seen = open(BUCKET_7, Duration.ofMinutes(10));
    OpenTransaction neverSawAMarker =
        new OpenTransaction(BUCKET_7, PRODUCER, (short) 0, -1, 0, NOW.toEpochMilli());

    assertThat(HangingTransactionJudge.abortCoordinatorEpoch(seen)).isEqualTo(3);
    assertThat(HangingTransactionJudge.abortCoordinatorEpoch(neverSawAMarker)).isZero();
  }
}

package dev.opstream.planner.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.planner.core.ScopeTally.Counts;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeTallyTest {

  private static final Instant LISTED_AT = Instant.parse("2026-03-01T12:00:00Z");
  private static final DeletionGuard GUARD = new DeletionGuard(0.5, 3);

  @Test
  void decidesOnlyOnceEveryPartitionHasCounted() {
    ScopeTally tally = fold(null, "s-1", LISTED_AT, 0, 4, 1);
    assertThat(tally.readyToDecide()).isFalse();
    tally = fold(tally, "s-1", LISTED_AT, 2, 4, 1);
    assertThat(tally.readyToDecide()).isFalse();
    tally = fold(tally, "s-1", LISTED_AT, 1, 4, 1);
    assertThat(tally.readyToDecide()).isTrue();
  }

  @Test
  void aPartitionThatCountsTwiceCountsOnce() {
    ScopeTally tally = fold(null, "s-1", LISTED_AT, 0, 4, 4);
    ScopeTally again = fold(tally, "s-1", LISTED_AT, 0, 9, 9);
    assertThat(again).isEqualTo(tally);
    assertThat(again.readyToDecide()).isFalse();
  }

  @Test
  void aDecidedSnapshotIsNeverDecidedAgain() {
    ScopeTally tally = fold(null, "s-1", LISTED_AT, 0, 4, 0);
    tally = fold(tally, "s-1", LISTED_AT, 1, 4, 0);
    tally = fold(tally, "s-1", LISTED_AT, 2, 4, 0).asDecided();
    assertThat(fold(tally, "s-1", LISTED_AT, 2, 4, 0).readyToDecide()).isFalse();
  }

  @Test
  void aNewerSnapshotStartsANewCountAndAnOlderOneIsIgnored() {
    ScopeTally tally = fold(null, "s-1", LISTED_AT, 0, 4, 0);
    ScopeTally newer = fold(tally, "s-2", LISTED_AT.plusSeconds(60), 1, 4, 0);
    assertThat(newer.snapshotId()).isEqualTo("s-2");
    assertThat(newer.partitions()).containsOnlyKeys(1);
    assertThat(fold(newer, "s-1", LISTED_AT, 2, 4, 0)).isEqualTo(newer);
  }

  /** The guard's share and minimum apply to the sums over every partition. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # row                                         | p0 in | p0 missing | p1 in | p1 missing | p2 in | p2 missing | hold
          all of one partition, few of the scope        | 3     | 3          | 5     | 0          | 5     | 0          | false
          few of each partition, most of the scope      | 4     | 2          | 4     | 2          | 4     | 3          | true
          exactly the allowed share goes               | 4     | 2          | 4     | 2          | 2     | 1          | false
          one more than the share is held               | 4     | 2          | 4     | 2          | 2     | 2          | true
          below the minimum even if it is everything    | 1     | 1          | 1     | 1          | 0     | 0          | false
          an empty list of a busy scope is held         | 5     | 5          | 5     | 5          | 5     | 5          | true
          nothing missing                               | 5     | 0          | 0     | 0          | 0     | 0          | false
          """)
  void holdsWhenTheScopeLosesMoreThanTheShare(
      String row,
      int in0,
      int missing0,
      int in1,
      int missing1,
      int in2,
      int missing2,
      boolean hold) {
    ScopeTally tally = fold(null, "s-1", LISTED_AT, 0, in0, missing0);
    tally = fold(tally, "s-1", LISTED_AT, 1, in1, missing1);
    tally = fold(tally, "s-1", LISTED_AT, 2, in2, missing2);

    ScopeTally.Decision decision = tally.decide("prod", GUARD);
    assertThat(decision.hold()).as(row).isEqualTo(hold);
    assertThat(decision.inScope()).isEqualTo(in0 + in1 + in2);
    assertThat(decision.missing()).isEqualTo(missing0 + missing1 + missing2);
    assertThat(decision.message())
        .contains(
            "no longer lists "
                + decision.missing()
                + " of the "
                + decision.inScope()
                + " apps it covers (counted over all 3 partitions)")
        .contains(hold ? "held" : "within the allowed share");
  }

  private static ScopeTally fold(
      ScopeTally tally, String snapshotId, Instant listedAt, int partition, int in, int missing) {
    return ScopeTally.fold(tally, snapshotId, listedAt, 3, partition, new Counts(in, missing));
  }
}

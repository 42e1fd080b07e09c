package dev.opstream.actuator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  private final PartitionProgress progress = new PartitionProgress(new TopicPartition("t", 0));

  @Test
  void commitsUpToTheLowestOffsetThatIsNotDone() {
    for (long offset = 10; offset <= 13; offset++) {
      progress.taken(offset);
      assertThat(progress.start()).isTrue();
    }

    progress.finished(11, true);
    progress.finished(13, true);
    assertThat(progress.toCommit()).isEmpty();

    progress.finished(10, true);
    assertThat(progress.toCommit()).hasValue(12);
    assertThat(progress.toCommit()).isEmpty();

    progress.finished(12, true);
    assertThat(progress.toCommit()).hasValue(14);
  }

  @Test
  void anActionThatWasNotDoneHoldsTheCommitBack() {
    progress.taken(0);
    progress.taken(1);
    progress.start();
    progress.start();

    progress.finished(0, false);
    progress.finished(1, true);

    assertThat(progress.toCommit()).isEmpty();
    assertThat(progress.doneUpTo()).isEmpty();
  }

  @Test
  void aFailedCommitIsAskedForAgain() {
    progress.taken(5);
    progress.start();
    progress.finished(5, true);

    assertThat(progress.toCommit()).hasValue(6);
    progress.commitFailed(6);
    assertThat(progress.toCommit()).hasValue(6);
  }

  @Test
  void revokedStopsNewStartsButLetsRunningOnesPublishUntilAbandoned() throws Exception {
    progress.taken(0);
    progress.taken(1);
    assertThat(progress.start()).isTrue();

    progress.revoke();

    assertThat(progress.start()).isFalse();
    assertThat(progress.mayPublish()).isTrue();
    assertThat(progress.awaitIdle(Duration.ofMillis(1))).isFalse();
    progress.finished(0, true);
    assertThat(progress.awaitIdle(Duration.ZERO)).isTrue();
    progress.abandon();
    assertThat(progress.mayPublish()).isFalse();
    assertThat(progress.doneUpTo()).hasValue(1);
  }
}

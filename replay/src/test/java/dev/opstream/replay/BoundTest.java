package dev.opstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BoundTest {

  @Test
  void aTimeMayOmitSecondsAndCarryAnyOffset() {
    assertThat(Bound.parse("2026-11-20T10:00Z"))
        .isEqualTo(new Bound.AtTime(Instant.parse("2026-11-20T10:00:00Z")));
    assertThat(Bound.parse("2026-11-20T11:00:30.5+01:00"))
        .isEqualTo(new Bound.AtTime(Instant.parse("2026-11-20T10:00:30.500Z")));
    assertThat(Bound.parse("2026-11-20"))
        .isEqualTo(new Bound.AtTime(Instant.parse("2026-11-20T00:00:00Z")));
  }

  @Test
  void aWholeNumberIsAnOffset() {
    assertThat(Bound.parse("1500")).isEqualTo(new Bound.AtOffset(1500));
  }

  @Test
  void anythingElseIsOneClearError() {
    assertThatThrownBy(() -> Bound.parse("yesterday"))
        .isInstanceOf(ReplayException.class)
        .hasMessage(
            "'yesterday' is neither a time such as 2026-11-20T10:00Z or 2026-11-20, nor an offset"
                + " such as 1500");
  }

  @Test
  void aRangeMustNotEndBeforeItStarts() {
    assertThatThrownBy(
            () -> new ReplayRange(Bound.parse("2026-11-20T10:00Z"), Bound.parse("2026-11-20")))
        .hasMessageContaining("must be before --to");
    ReplayRange range = new ReplayRange(Bound.parse("2026-11-20T10:00Z"), Bound.EDGE);
    assertThat(range.covers(Instant.parse("2026-11-20T09:59:59Z"))).isFalse();
    assertThat(range.covers(Instant.parse("2026-11-20T10:00:00Z"))).isTrue();
  }

  @Test
  void theProgressBarShowsTheShareAndTheCounts() {
    assertThat(ProgressBar.line("replay", 250, 1000))
        .isEqualTo("replay [########                      ]  25% 250/1,000 records");
  }

  @Test
  void oneAppIsReadFromTheOnePartitionItsKeyHashesTo() {
    AppSelector one = AppSelector.of("eks/shop/cart", null);
    assertThat(one.onlyPartition(12)).isPresent();
    assertThat(one.onlyPartition(12).get()).isBetween(0, 11);
    assertThat(AppSelector.of(null, "eks").onlyPartition(12)).isEmpty();
    assertThatThrownBy(() -> AppSelector.of("eks/shop/cart", "eks"))
        .hasMessage("give --app or --cluster, not both");
  }
}

package dev.opstream.planner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(4), Duration.ofSeconds(60), 10);

  @Test
  void waitsBetweenHalfAndAllOfTheDoublingDelay() {
    for (int attempt = 1; attempt <= 8; attempt++) {
      long full = Math.min(60_000, 4_000L << (attempt - 1));
      for (int app = 0; app < 50; app++) {
        Duration delay = backoff.delay("action-" + app, attempt);
        assertThat(delay.toMillis()).isBetween(full / 2, full);
      }
    }
  }

  @Test
  void neverWaitsLongerThanTheCap() {
    assertThat(backoff.delay("a", 1000)).isLessThanOrEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void sameActionAndAttemptAlwaysWaitTheSame() {
    assertThat(backoff.delay("abc", 3)).isEqualTo(backoff.delay("abc", 3));
    assertThat(new Backoff(Duration.ofSeconds(4), Duration.ofSeconds(60), 10).delay("abc", 3))
        .isEqualTo(backoff.delay("abc", 3));
  }

  @Test
  void jitterSpreadsActionsThatFailedTogether() {
    Set<Duration> delays = new HashSet<>();
    IntStream.range(0, 100).forEach(i -> delays.add(backoff.delay("action-" + i, 2)));
    assertThat(delays).hasSizeGreaterThan(90);
  }

  @Test
  void jitterIsInTheUnitInterval() {
    IntStream.range(0, 1000)
        .forEach(i -> assertThat(Backoff.jitter("id-" + i, i % 7 + 1)).isBetween(0.0, 0.9999999));
  }

  @Test
  void isExhaustedAtTheLastAttempt() {
    assertThat(backoff.exhausted(9)).isFalse();
    assertThat(backoff.exhausted(10)).isTrue();
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3))
        .hasMessageContaining("initial backoff must be positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
        .hasMessageContaining("below the initial");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .hasMessageContaining("max attempts");
  }
}

package dev.opstream.planner;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the planner's {@link HangingTransactionReaper}.
 *
 * @param enabled whether the planner looks for hanging transactions and aborts them
 * @param olderThan how long a transaction's producer must not have written to a partition before it
 *     can be judged hanging; must exceed the producers' {@code transaction.timeout.ms} (Kafka
 *     Streams' exactly-once default is 10 s)
 * @param interval how often it looks
 */
public record TransactionReaperConfig(boolean enabled, Duration olderThan, Duration interval) {

  public static final Duration DEFAULT_OLDER_THAN = Duration.ofMinutes(5);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  public TransactionReaperConfig {
    Objects.requireNonNull(olderThan, "olderThan");
    Objects.requireNonNull(interval, "interval");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("hanging transaction age must not be negative");
    }
    if (interval.toMillis() < 100) {
      throw new IllegalArgumentException(
          "hanging transaction interval must be at least PT0.1S, was " + interval);
    }
  }

  /** On, every minute, for transactions untouched for 5 minutes. */
  public static TransactionReaperConfig defaults() {
    return new TransactionReaperConfig(true, DEFAULT_OLDER_THAN, DEFAULT_INTERVAL);
  }
}

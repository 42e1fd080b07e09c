package dev.opstream.dev.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Polls a check until it reports no problems, or fails naming what did not converge. */
final class Waiter {

  private static final Duration POLL = Duration.ofMillis(500);

  private Waiter() {}

  /**
   * @param what what is awaited, for the error message
   * @param timeout how long to wait
   * @param problems what is still wrong; empty when done
   * @return how long it took
   * @throws DemoException (retryable) naming the remaining problems when the time is up
   */
  static Duration until(String what, Duration timeout, Supplier<List<String>> problems) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    while (true) {
      List<String> left = problems.get();
      if (left.isEmpty()) {
        return Duration.between(start, Instant.now());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoException(
            DemoException.Reason.RETRYABLE,
            what + " did not converge within " + timeout + ": " + String.join("; ", left));
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DemoException(DemoException.Reason.RETRYABLE, "interrupted waiting for " + what);
      }
    }
  }

  static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}

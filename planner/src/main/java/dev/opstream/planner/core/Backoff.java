package dev.opstream.planner.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff with deterministic jitter, for retrying an action whose result was
 * {@code FAILED_RETRYABLE}.
 *
 * <p>Before attempt {@code n + 1} (after attempt {@code n} failed) the planner waits {@code d * (1
 * + j) / 2}, where {@code d = min(max, initial * 2^(n-1))} and {@code j} in [0, 1) is read from the
 * SHA-256 of {@code "<actionId>:<n>"} ("equal jitter": between half and all of {@code d}). The
 * jitter spreads the retries of many apps that failed together, yet it is a function of (actionId,
 * attempt), never random, so a replay waits exactly as long. After {@code maxAttempts} attempts the
 * planner gives up and reports it in the app's status.
 *
 * @param initial the delay before the second attempt, before jitter
 * @param max the cap on the delay, before jitter
 * @param maxAttempts how many attempts in all, at least 1
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

  /** 5 s, doubling up to 10 min, 20 attempts (about two and a half hours of retrying). */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 20);

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "maximum backoff " + max + " is below the initial backoff " + initial);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
    }
  }

  /** How long to wait after attempt {@code attempt} of {@code actionId} failed. */
  public Duration delay(String actionId, int attempt) {
    Objects.requireNonNull(actionId, "actionId");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
    long capMillis = max.toMillis();
    long millis = initial.toMillis();
    for (int i = 1; i < attempt && millis < capMillis; i++) {
      millis = Math.min(capMillis, millis * 2);
    }
    millis = Math.min(capMillis, millis);
    double jitter = jitter(actionId, attempt);
    return Duration.ofMillis(Math.round(millis * (1 + jitter) / 2));
  }

  /** Whether attempt {@code attempt} was the last one allowed. */
  public boolean exhausted(int attempt) {
    return attempt >= maxAttempts;
  }

  /** A number in [0, 1) that depends only on the action id and the attempt. */
  static double jitter(String actionId, int attempt) {
    byte[] digest = sha256((actionId + ":" + attempt).getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 0; i < 7; i++) {
      bits = (bits << 8) | (digest[i] & 0xff);
    }
    return (double) bits / (1L << 56);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

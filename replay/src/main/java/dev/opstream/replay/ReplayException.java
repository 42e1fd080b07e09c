package dev.opstream.replay;

/** Why a replay, a shadow plan or a dead-letter command could not be done. */
public final class ReplayException extends RuntimeException {

  /** Whether running the same command again may succeed. */
  public enum Reason {
    /** Kafka was unreachable or too slow: try again. */
    RETRYABLE,
    /** The input is wrong (a bad range, an unknown topic, an unreadable record): fix it first. */
    PERMANENT
  }

  private final Reason reason;

  public ReplayException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ReplayException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static ReplayException permanent(String message) {
    return new ReplayException(Reason.PERMANENT, message);
  }
}

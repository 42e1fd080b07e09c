package dev.opstream.actuator.runner;

/**
 * An action that failed. {@link Reason#RETRYABLE} means the same action may succeed later (a
 * timeout, a server error, a conflict); {@link Reason#PERMANENT} means it will not without a change
 * by someone (a bucket owned by someone else, an unknown cluster, an invalid spec).
 */
public final class ActuatorException extends RuntimeException {

  /** Whether retrying the same action can help. */
  public enum Reason {
    RETRYABLE,
    PERMANENT
  }

  private final Reason reason;

  public ActuatorException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ActuatorException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public static ActuatorException retryable(String message, Throwable cause) {
    return new ActuatorException(Reason.RETRYABLE, message, cause);
  }

  public static ActuatorException permanent(String message) {
    return new ActuatorException(Reason.PERMANENT, message);
  }

  public Reason reason() {
    return reason;
  }
}

package dev.opstream.dev.demo;

/**
 * Something the demo could not do or check: a step that did not converge in time, a backup that
 * failed, a spec it cannot run. The message names the app and what to look at.
 */
public final class DemoException extends RuntimeException {

  /** Whether waiting longer could help (a timeout) or not (a spec the demo cannot run). */
  public enum Reason {
    RETRYABLE,
    PERMANENT
  }

  private final Reason reason;

  public DemoException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public DemoException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public static DemoException permanent(String message) {
    return new DemoException(Reason.PERMANENT, message);
  }

  public Reason reason() {
    return reason;
  }
}

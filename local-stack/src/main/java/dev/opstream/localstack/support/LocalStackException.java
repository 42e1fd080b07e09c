package dev.opstream.localstack.support;

/**
 * A local server could not be started, reached or stopped; the message says what to do about it.
 */
public final class LocalStackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LocalStackException(String message) {
    super(message);
  }

  public LocalStackException(String message, Throwable cause) {
    super(message, cause);
  }
}

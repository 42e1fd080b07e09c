package dev.opstream.dev.pipeline;

/** A stage process that could not be started, did not become ready, or exited. */
public final class StageException extends RuntimeException {

  public StageException(String message) {
    super(message);
  }

  public StageException(String message, Throwable cause) {
    super(message, cause);
  }
}

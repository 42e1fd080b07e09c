package dev.opstream.topics.admin;

/** The broker did not answer in time or refused an admin request. */
public final class TopicAdminException extends RuntimeException {

  public TopicAdminException(String message, Throwable cause) {
    super(message, cause);
  }
}

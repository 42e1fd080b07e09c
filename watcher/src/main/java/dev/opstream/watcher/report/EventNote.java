package dev.opstream.watcher.report;

/**
 * A Kubernetes Event to record on an app's Deployment.
 *
 * @param type {@link #NORMAL} or {@link #WARNING}
 * @param reason a short CamelCase reason, e.g. {@code BucketCreated}
 * @param message what happened, for a person
 */
public record EventNote(String type, String reason, String message) {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  public static EventNote normal(String reason, String message) {
    return new EventNote(NORMAL, reason, message);
  }

  public static EventNote warning(String reason, String message) {
    return new EventNote(WARNING, reason, message);
  }
}

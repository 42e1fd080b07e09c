package dev.opstream.topics.records;

/** What happens to an app's bucket when the app goes away ({@code opstream.dev/on-delete}). */
public enum OnDelete {
  /** Delete the bucket after the grace period (the default). */
  DELETE,
  /** Keep the bucket and its backups. */
  RETAIN;

  /**
   * Parses the annotation's value, {@code Delete} or {@code Retain} (case as documented).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static OnDelete fromAnnotation(String value) {
    if ("Delete".equals(value)) {
      return DELETE;
    }
    if ("Retain".equals(value)) {
      return RETAIN;
    }
    throw new IllegalArgumentException(
        Annotations.ON_DELETE + " must be 'Delete' or 'Retain', was '" + value + "'");
  }
}

package dev.opstream.planner.desired;

import dev.opstream.topics.records.Annotations;

/** What teardown does with the app's bucket (Redis and the backup CronJob always go). */
public enum OnDelete {
  /** Delete the bucket, and the backups in it, once the grace period has passed. */
  DELETE("Delete"),
  /** Keep the bucket and its backups; opstream forgets about them. */
  RETAIN("Retain");

  private final String annotationValue;

  OnDelete(String annotationValue) {
    this.annotationValue = annotationValue;
  }

  /** How it is written in {@link Annotations#ON_DELETE}: {@code Delete} or {@code Retain}. */
  public String annotationValue() {
    return annotationValue;
  }
}

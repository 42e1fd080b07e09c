package dev.opstream.topics.records;

import java.time.Instant;

/**
 * A Kubernetes-style status condition of an app.
 *
 * @param type what the condition is about, e.g. {@link #READY}
 * @param status whether it holds
 * @param reason a CamelCase reason a machine can match on
 * @param message the details, for a person
 * @param lastTransitionTime when {@code status} last changed
 */
public record Condition(
    String type,
    ConditionStatus status,
    String reason,
    String message,
    Instant lastTransitionTime) {

  /** Every resource of the app is as desired. */
  public static final String READY = "Ready";

  /** The {@code opstream.dev/*} annotations could be read; False names the bad value. */
  public static final String ANNOTATIONS_VALID = "AnnotationsValid";

  /** A snapshot would have deleted more than the allowed share of a scope: deletions are held. */
  public static final String DELETION_HELD = "DeletionHeld";

  /** Planning is paused, by the app's annotation or the planner's global switch. */
  public static final String PAUSED = "Paused";

  /**
   * The newest good backup is older than the schedule allows; Unknown until the bucket is checked.
   */
  public static final String BACKUP_OVERDUE = "BackupOverdue";

  public Condition {
    Checks.requiredText(type, "type");
    Checks.required(status, "status");
    Checks.requiredText(reason, "reason");
    Checks.optionalText(message, "message");
    Checks.required(lastTransitionTime, "lastTransitionTime");
  }
}

package dev.opstream.planner.core;

import dev.opstream.topics.records.Condition;

/** The condition types and reasons of an app's status, beyond those named in {@code Condition}. */
public final class StatusConditions {

  /** Planning is paused: by the app's annotation or by the planner's global switch. */
  public static final String PAUSED = Condition.PAUSED;

  /** Ready: every resource is as desired (live: all three exist; teardown: all are gone). */
  public static final String CONVERGED = "Converged";

  public static final String TORN_DOWN = "TornDown";
  public static final String PROGRESSING = "Progressing";
  public static final String RETRYING = "Retrying";
  public static final String FAILED = "Failed";
  public static final String WAITING_FOR_GRACE_PERIOD = "WaitingForGracePeriod";
  public static final String NO_DESIRED_STATE = "NoDesiredState";
  public static final String PAUSED_BY_ANNOTATION = "PausedByAnnotation";
  public static final String PAUSED_BY_PLANNER = "PausedByPlanner";
  public static final String NOT_PAUSED = "NotPaused";
  public static final String VALID = "Valid";
  public static final String INVALID = "InvalidAnnotations";
  public static final String MASS_DELETION = "MassDeletion";

  /**
   * The newest good backup is older than the schedule allows (True), or is not (False); Unknown
   * until a drift check of the bucket reported its backups. Only while a backup CronJob exists.
   */
  public static final String BACKUP_OVERDUE = Condition.BACKUP_OVERDUE;

  public static final String NO_BACKUP = "NoBackup";
  public static final String BACKUP_TOO_OLD = "BackupTooOld";
  public static final String BACKUP_ON_SCHEDULE = "BackupOnSchedule";
  public static final String NO_BACKUP_DUE_YET = "NoBackupDueYet";
  public static final String BACKUPS_NOT_CHECKED = "BackupsNotChecked";

  private StatusConditions() {}
}

package dev.opstream.topics.records;

/** Every concrete {@link Action}, with the kind of resource it acts on. */
public enum ActionType {
  ENSURE_BUCKET(ActionKind.BUCKET),
  DELETE_BUCKET(ActionKind.BUCKET),
  ENSURE_REDIS(ActionKind.REDIS),
  DELETE_REDIS(ActionKind.REDIS),
  ENSURE_BACKUP_CRONJOB(ActionKind.CRONJOB),
  DELETE_BACKUP_CRONJOB(ActionKind.CRONJOB),
  /** A drift check; its kind is carried by the {@link Observe} action itself. */
  OBSERVE(null);

  private final ActionKind fixedKind;

  ActionType(ActionKind fixedKind) {
    this.fixedKind = fixedKind;
  }

  /** The kind of resource, or null for {@link #OBSERVE}, which names it per action. */
  public ActionKind fixedKind() {
    return fixedKind;
  }
}

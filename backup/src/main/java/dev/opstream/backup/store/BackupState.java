package dev.opstream.backup.store;

/** Whether a backup can be restored. */
public enum BackupState {
  /** Its manifest is readable and its data object has the size the manifest says. */
  GOOD,
  /** A data object without a manifest: a backup that failed, was killed, or is still running. */
  INCOMPLETE,
  /** A manifest that cannot be read, or whose data object is missing or of another size. */
  DAMAGED
}

package dev.opstream.backup.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which backups retention deletes: every good backup but the newest {@code keep}, and the
 * incomplete or damaged ones (and unfinished uploads) older than the oldest good backup kept. The
 * newest good backup, and the one just written, are always kept; with no good backup nothing is
 * deleted. Objects that are not opstream backups never reach this class.
 */
public final class Retention {

  private Retention() {}

  /**
   * The backups to delete.
   *
   * @param entries the backups in the bucket, in any order
   * @param keep how many good backups to keep, at least 1
   * @param justWritten the backup this run wrote, if any: kept whatever its id
   */
  public static List<BackupEntry> toDelete(
      List<BackupEntry> entries, int keep, Optional<BackupId> justWritten) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, not " + keep);
    }
    List<BackupEntry> newestFirst =
        entries.stream().sorted(Comparator.comparing(BackupEntry::id).reversed()).toList();
    List<BackupEntry> good = newestFirst.stream().filter(BackupEntry::isGood).toList();
    if (good.isEmpty()) {
      return List.of();
    }
    List<BackupEntry> kept = new ArrayList<>();
    List<BackupEntry> delete = new ArrayList<>();
    for (BackupEntry entry : good) {
      boolean current = justWritten.filter(entry.id()::equals).isPresent();
      if (kept.size() < keep || current) {
        kept.add(entry);
      } else {
        delete.add(entry);
      }
    }
    BackupId oldestKept = kept.get(kept.size() - 1).id();
    for (BackupEntry entry : newestFirst) {
      if (!entry.isGood() && entry.id().compareTo(oldestKept) < 0) {
        delete.add(entry);
      }
    }
    return List.copyOf(delete);
  }

  /**
   * Whether an unfinished upload of backup {@code id} is abandoned: older than the oldest good
   * backup retention keeps (the same rule as for incomplete backups, so a backup still running is
   * never disturbed).
   *
   * @param entries the backups in the bucket before retention
   * @param deleted what {@link #toDelete} chose
   */
  public static boolean abandoned(
      BackupId id, List<BackupEntry> entries, List<BackupEntry> deleted) {
    return entries.stream()
        .filter(BackupEntry::isGood)
        .filter(entry -> !deleted.contains(entry))
        .map(BackupEntry::id)
        .min(Comparator.naturalOrder())
        .filter(oldestKept -> id.compareTo(oldestKept) < 0)
        .isPresent();
  }
}

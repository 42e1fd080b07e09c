package dev.opstream.backup.store;

import java.util.List;
import java.util.Optional;

/**
 * One backup as found in the bucket.
 *
 * @param id its id
 * @param state whether it can be restored
 * @param manifest its manifest, when readable
 * @param dataMode the mode of its data object, when there is one
 * @param dataBytes the size of its data object, when there is one
 * @param problem why it is not good, empty when it is
 * @param keys every object key of the backup (what deleting it removes)
 */
public record BackupEntry(
    BackupId id,
    BackupState state,
    Optional<Manifest> manifest,
    Optional<BackupMode> dataMode,
    Optional<Long> dataBytes,
    Optional<String> problem,
    List<String> keys) {

  public BackupEntry {
    keys = List.copyOf(keys);
  }

  public boolean isGood() {
    return state == BackupState.GOOD;
  }

  /** The manifest of a good backup. */
  public Manifest goodManifest() {
    if (!isGood()) {
      throw new IllegalStateException("backup " + id + " is " + state);
    }
    return manifest.orElseThrow();
  }
}

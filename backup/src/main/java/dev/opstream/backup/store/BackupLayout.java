package dev.opstream.backup.store;

import java.util.Optional;

/**
 * Where a backup's objects live in the bucket: {@code <prefix><id>/manifest.json} and {@code
 * <prefix><id>/<data object>} ({@code keys.zst} for scan, {@code dump.rdb.zst} for rdb). Any other
 * key is not an opstream backup object and is never touched.
 *
 * @param prefix the key prefix, empty or ending in {@code /}
 */
public record BackupLayout(String prefix) {

  /** The manifest's name inside a backup's folder. */
  public static final String MANIFEST = "manifest.json";

  public BackupLayout {
    if (prefix == null) {
      throw new IllegalArgumentException("prefix must not be null");
    }
    if (prefix.startsWith("/")) {
      throw new IllegalArgumentException("prefix '" + prefix + "' must not start with /");
    }
  }

  /** A layout for {@code prefix} as given by a user: {@code backups} means {@code backups/}. */
  public static BackupLayout forPrefix(String prefix) {
    String trimmed = prefix == null ? "" : prefix.trim();
    if (!trimmed.isEmpty() && !trimmed.endsWith("/")) {
      trimmed = trimmed + "/";
    }
    return new BackupLayout(trimmed);
  }

  public String folder(BackupId id) {
    return prefix + id.value() + "/";
  }

  public String manifestKey(BackupId id) {
    return folder(id) + MANIFEST;
  }

  public String dataKey(BackupId id, BackupMode mode) {
    return folder(id) + mode.dataObject();
  }

  /** What {@code key} is, if it is one of opstream's backup objects under this prefix. */
  public Optional<BackupObject> classify(String key) {
    if (!key.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = key.substring(prefix.length());
    int slash = rest.indexOf('/');
    if (slash < 0 || BackupId.parse(rest.substring(0, slash)).isEmpty()) {
      return Optional.empty();
    }
    BackupId id = new BackupId(rest.substring(0, slash));
    String name = rest.substring(slash + 1);
    if (name.equals(MANIFEST)) {
      return Optional.of(new BackupObject(id, key, Optional.empty()));
    }
    for (BackupMode mode : BackupMode.values()) {
      if (name.equals(mode.dataObject())) {
        return Optional.of(new BackupObject(id, key, Optional.of(mode)));
      }
    }
    return Optional.empty();
  }

  /**
   * One of a backup's objects.
   *
   * @param id the backup it belongs to
   * @param key its full key
   * @param dataMode the mode if it is a data object, empty for the manifest
   */
  public record BackupObject(BackupId id, String key, Optional<BackupMode> dataMode) {
    public boolean isManifest() {
      return dataMode.isEmpty();
    }
  }
}

package dev.opstream.backup.store;

import java.util.Locale;

/** How a backup was taken, which also decides how it is restored. */
public enum BackupMode {
  /** SCAN + DUMP + PEXPIRETIME per key: works on managed Redis; not a point-in-time snapshot. */
  SCAN("keys.zst"),
  /** An RDB captured over the replication protocol: a point-in-time snapshot. */
  RDB("dump.rdb.zst");

  private final String dataObject;

  BackupMode(String dataObject) {
    this.dataObject = dataObject;
  }

  /** The name of the data object inside a backup's folder. */
  public String dataObject() {
    return dataObject;
  }

  /** {@code scan} or {@code rdb}, as on the command line and in manifests. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode named {@code label}, in any case.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static BackupMode parse(String label) {
    for (BackupMode mode : values()) {
      if (mode.label().equalsIgnoreCase(label.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + label + "' (expected scan or rdb)");
  }
}

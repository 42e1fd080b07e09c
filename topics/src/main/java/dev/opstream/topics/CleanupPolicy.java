package dev.opstream.topics;

import java.util.Locale;

/** A topic's {@code cleanup.policy}. */
public enum CleanupPolicy {
  /** Old segments are deleted after the retention time: the audit topics. */
  DELETE,
  /** Only the latest record per key is kept: the status topic. */
  COMPACT;

  /** The value of the {@code cleanup.policy} config. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}

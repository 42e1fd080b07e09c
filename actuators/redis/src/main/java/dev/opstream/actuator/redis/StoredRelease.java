package dev.opstream.actuator.redis;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One revision of a Helm release as Helm stored it (a Secret {@code sh.helm.release.v1.<name>.v<N>}
 * in the release's namespace).
 *
 * @param secretName the storage Secret's name
 * @param revision the revision number
 * @param status Helm's status: {@code deployed}, {@code failed}, {@code pending-install}, ...
 * @param chartName the chart's name
 * @param chartVersion the chart's version
 * @param values the values the release was installed with (Helm's {@code config})
 * @param modifiedAt when Helm last wrote this revision
 */
record StoredRelease(
    String secretName,
    int revision,
    String status,
    String chartName,
    String chartVersion,
    Map<String, Object> values,
    Instant modifiedAt) {

  static final String DEPLOYED = "deployed";
  static final String FAILED = "failed";
  static final String UNINSTALLED = "uninstalled";
  static final String PENDING_INSTALL = "pending-install";

  StoredRelease {
    Objects.requireNonNull(secretName, "secretName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(chartName, "chartName");
    Objects.requireNonNull(chartVersion, "chartVersion");
    values = Map.copyOf(values);
    Objects.requireNonNull(modifiedAt, "modifiedAt");
  }

  /** Left by an install, upgrade or rollback that has not finished (or never will: a crash). */
  boolean pending() {
    return status.startsWith("pending-");
  }

  /** Uninstalled with its history kept: as good as absent. */
  boolean uninstalled() {
    return UNINSTALLED.equals(status);
  }

  /** Whether opstream installed it: its values carry {@code opstream.managedBy: opstream}. */
  boolean managedByOpstream() {
    return ReleaseValues.MANAGED_BY.equals(opstreamValue("managedBy").orElse(null));
  }

  /** The values digest opstream stored with this revision, if any. */
  Optional<String> valuesDigest() {
    return opstreamValue(ReleaseValues.DIGEST_KEY);
  }

  /** The container memory limit this revision was installed with, if any. */
  Optional<String> memory() {
    return nested("resources", "memory");
  }

  private Optional<String> opstreamValue(String key) {
    return nested("opstream", key);
  }

  private Optional<String> nested(String outer, String inner) {
    return values.get(outer) instanceof Map<?, ?> map && map.get(inner) instanceof String value
        ? Optional.of(value)
        : Optional.empty();
  }
}

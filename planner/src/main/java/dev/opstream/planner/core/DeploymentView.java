package dev.opstream.planner.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the planner knows of an app's Deployment: the desired side of its state.
 *
 * @param uid the Deployment's uid as last observed
 * @param present whether the Deployment exists (false after a deletion marker, a tombstone or an
 *     inferred deletion)
 * @param annotations its current {@code opstream.dev/*} annotations
 * @param lastGoodAnnotations the last annotations that were all valid; null if there were none
 * @param observedAt when the watcher last saw the Deployment
 * @param goneReason how its deletion was learned, in words; null while present
 * @param goneForSure whether the deletion was seen (marker or tombstone) rather than inferred
 */
public record DeploymentView(
    String uid,
    boolean present,
    Map<String, String> annotations,
    Map<String, String> lastGoodAnnotations,
    Instant observedAt,
    String goneReason,
    boolean goneForSure) {

  public DeploymentView {
    Objects.requireNonNull(uid, "uid");
    annotations = sorted(annotations == null ? Map.of() : annotations);
    lastGoodAnnotations = lastGoodAnnotations == null ? null : sorted(lastGoodAnnotations);
    Objects.requireNonNull(observedAt, "observedAt");
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }

  DeploymentView gone(String reason, boolean forSure) {
    return new DeploymentView(
        uid, false, annotations, lastGoodAnnotations, observedAt, reason, forSure);
  }
}

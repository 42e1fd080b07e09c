package dev.opstream.planner.core;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.DeleteBackupCronJob;
import dev.opstream.topics.records.DeleteBucket;
import dev.opstream.topics.records.DeleteRedis;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.serde.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Helpers for the topics' {@link Action} records. */
final class Actions {

  private static final JsonMapper JSON = Json.newMapper();

  private Actions() {}

  /**
   * The same action (same id, same spec) as attempt {@code attempt}, caused by {@code causedBy} for
   * {@code reason}.
   */
  static Action reissue(Action action, int attempt, String causedBy, String reason) {
    if (action instanceof EnsureBucket a) {
      return new EnsureBucket(
          a.schemaVersion(),
          a.actionId(),
          attempt,
          a.app(),
          a.deploymentUid(),
          a.spec(),
          causedBy,
          reason);
    }
    if (action instanceof DeleteBucket a) {
      return new DeleteBucket(
          a.schemaVersion(),
          a.actionId(),
          attempt,
          a.app(),
          a.deploymentUid(),
          a.bucket(),
          causedBy,
          reason);
    }
    if (action instanceof EnsureRedis a) {
      return new EnsureRedis(
          a.schemaVersion(),
          a.actionId(),
          attempt,
          a.app(),
          a.deploymentUid(),
          a.spec(),
          causedBy,
          reason);
    }
    if (action instanceof DeleteRedis a) {
      return new DeleteRedis(
          a.schemaVersion(),
          a.actionId(),
          attempt,
          a.app(),
          a.deploymentUid(),
          a.release(),
          a.secretName(),
          causedBy,
          reason);
    }
    if (action instanceof EnsureBackupCronJob a) {
      return new EnsureBackupCronJob(
          a.schemaVersion(),
          a.actionId(),
          attempt,
          a.app(),
          a.deploymentUid(),
          a.spec(),
          causedBy,
          reason);
    }
    if (action instanceof DeleteBackupCronJob a) {
      return new DeleteBackupCronJob(
          a.schemaVersion(),
          a.actionId(),
          attempt,
          a.app(),
          a.deploymentUid(),
          a.cronJob(),
          causedBy,
          reason);
    }
    Observe a = (Observe) action;
    return new Observe(
        a.schemaVersion(),
        a.actionId(),
        attempt,
        a.app(),
        a.deploymentUid(),
        a.kind(),
        a.name(),
        causedBy,
        reason);
  }

  /** The spec an ensure action carries; null for other actions. */
  static Object specOf(Action action) {
    if (action instanceof EnsureBucket a) {
      return a.spec();
    }
    if (action instanceof EnsureRedis a) {
      return a.spec();
    }
    if (action instanceof EnsureBackupCronJob a) {
      return a.spec();
    }
    return null;
  }

  /** The fields that differ between two specs, e.g. {@code memory 256Mi -> 512Mi}. */
  static String specChanges(Object before, Object after) {
    Map<String, Object> old = fields(before);
    Map<String, Object> now = fields(after);
    List<String> changes = new ArrayList<>();
    TreeMap<String, Object> all = new TreeMap<>(old);
    all.putAll(now);
    for (String field : all.keySet()) {
      Object was = old.get(field);
      Object is = now.get(field);
      if (!Objects.equals(was, is)) {
        changes.add(
            field + " " + (was == null ? "(none)" : was) + " -> " + (is == null ? "(none)" : is));
      }
    }
    return String.join(", ", changes);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Object spec) {
    return spec == null ? Map.of() : JSON.convertValue(spec, Map.class);
  }
}

package dev.opstream.planner.core;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.EnsureRedis;
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

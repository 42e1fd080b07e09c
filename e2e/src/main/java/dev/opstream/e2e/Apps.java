package dev.opstream.e2e;

import dev.opstream.e2e.world.AppIntent;
import dev.opstream.topics.records.AppKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names and annotations for generated apps: deterministic, varied, and all of plain names. */
public final class Apps {

  private static final List<String> SCHEDULES =
      List.of("@daily", "*/30 * * * *", "15 3 * * 1", "@hourly", "0 2 1 * *");
  private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "UTC");
  private static final List<String> MEMORY = List.of("64Mi", "256Mi", "1Gi", "512Mi");

  private Apps() {}

  /**
   * {@code count} app keys in {@code namespace}, alternating between the clusters: {@code
   * <prefix>1}, {@code <prefix>2}, ...
   */
  public static List<AppKey> keys(
      List<String> clusters, String namespace, String prefix, int count) {
    List<AppKey> keys = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      keys.add(new AppKey(clusters.get(i % clusters.size()), namespace, prefix + i));
    }
    return keys;
  }

  /**
   * Annotations that enable an app, varied by {@code i}: schedule, time zone (or none), retention
   * and memory (or the defaults).
   */
  public static Map<String, String> enabled(int i) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(AppIntent.ENABLED, "true");
    if (i % 4 != 0) {
      annotations.put(AppIntent.BACKUP_SCHEDULE, SCHEDULES.get(i % SCHEDULES.size()));
    }
    if (i % 3 == 1) {
      annotations.put(AppIntent.BACKUP_TIMEZONE, ZONES.get(i % ZONES.size()));
    }
    if (i % 5 != 0) {
      annotations.put(AppIntent.BACKUP_RETENTION, Integer.toString(1 + i % 14));
    }
    if (i % 2 == 1) {
      annotations.put(AppIntent.REDIS_MEMORY, MEMORY.get(i % MEMORY.size()));
    }
    annotations.put("example.com/team", "team" + i % 3);
    return annotations;
  }

  /** Annotations of a Deployment that has nothing to do with opstream. */
  public static Map<String, String> unannotated(int i) {
    return Map.of("example.com/team", "team" + i % 3);
  }
}

package dev.opstream.backup.redis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The fields of an {@code INFO} reply that backups use. */
public record RedisInfo(Map<String, String> fields) {

  public RedisInfo {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Parses {@code INFO}'s text ({@code name:value} lines, {@code # Section} headings). */
  public static RedisInfo parse(String info) {
    Map<String, String> fields = new LinkedHashMap<>();
    info.lines()
        .map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .forEach(
            line -> {
              int colon = line.indexOf(':');
              if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
              }
            });
    return new RedisInfo(fields);
  }

  public Optional<String> get(String field) {
    return Optional.ofNullable(fields.get(field));
  }

  /** {@code redis_version}, or {@code unknown}. */
  public String version() {
    return get("redis_version").orElse("unknown");
  }

  /** Keys per logical database, from the keyspace section ({@code db3:keys=12,expires=0,...}). */
  public Map<Integer, Long> keyspace() {
    Map<Integer, Long> keys = new TreeMap<>();
    fields.forEach(
        (name, value) -> {
          if (name.matches("db\\d+")) {
            for (String part : value.split(",")) {
              if (part.startsWith("keys=")) {
                keys.put(Integer.parseInt(name.substring(2)), Long.parseLong(part.substring(5)));
              }
            }
          }
        });
    return keys;
  }

  /** The sum of {@link #keyspace()}. */
  public long totalKeys() {
    return keyspace().values().stream().mapToLong(Long::longValue).sum();
  }
}

package dev.opstream.topics.records;

import dev.opstream.topics.records.RecordValidationException.Problem;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Validation helpers for the compact constructors of the record types. */
public final class Checks {

  private Checks() {}

  /** Returns {@code value}, or fails with {@link Problem#MISSING_FIELD} when it is null. */
  public static <T> T required(T value, String field) {
    if (value == null) {
      throw new RecordValidationException(
          Problem.MISSING_FIELD, field, "missing required field '" + field + "'");
    }
    return value;
  }

  /** Returns {@code value}, failing when it is null ({@code MISSING_FIELD}) or blank. */
  public static String requiredText(String value, String field) {
    required(value, field);
    if (value.isBlank()) {
      throw invalid(field, "must not be blank");
    }
    return value;
  }

  /** Returns {@code value} when it is null or not blank. */
  public static String optionalText(String value, String field) {
    if (value != null && value.isBlank()) {
      throw invalid(field, "must be absent or not blank");
    }
    return value;
  }

  /** Checks that a record of type {@code type} written with {@code version} can be read here. */
  public static int schemaVersion(int version, int supported, String type) {
    if (version < 1) {
      throw invalid("schemaVersion", "must be 1 or greater, was " + version);
    }
    if (version > supported) {
      throw new RecordValidationException(
          Problem.UNSUPPORTED_SCHEMA_VERSION,
          "schemaVersion",
          type + " schemaVersion " + version + " is newer than the supported " + supported);
    }
    return version;
  }

  public static int atLeast(int value, int min, String field) {
    if (value < min) {
      throw invalid(field, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  public static long atLeast(long value, long min, String field) {
    if (value < min) {
      throw invalid(field, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  /** An immutable copy of a list that may be absent (absent reads as empty). */
  public static <T> List<T> listOrEmpty(List<T> list, String field) {
    if (list == null) {
      return List.of();
    }
    for (T element : list) {
      if (element == null) {
        throw invalid(field, "must not contain null");
      }
    }
    return List.copyOf(list);
  }

  /** An immutable, key-sorted copy of a map that may be absent (absent reads as empty). */
  public static <V> Map<String, V> sortedMapOrEmpty(Map<String, V> map, String field) {
    if (map == null) {
      return Map.of();
    }
    TreeMap<String, V> sorted = new TreeMap<>();
    map.forEach(
        (key, value) -> {
          if (key == null || value == null) {
            throw invalid(field, "must not contain null keys or values");
          }
          sorted.put(key, value);
        });
    return java.util.Collections.unmodifiableSortedMap(sorted);
  }

  public static RecordValidationException invalid(String field, String message) {
    return new RecordValidationException(Problem.INVALID_VALUE, field, field + ": " + message);
  }
}

package dev.opstream.topics.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration every opstream record is written and read with. */
public final class Json {

  private Json() {}

  /**
   * A new mapper for opstream records: ISO-8601 timestamps, absent instead of null fields, unknown
   * fields ignored (so two versions of a stage can run side by side), map entries sorted, and
   * strict input (no duplicate keys, no trailing tokens, no null for a number).
   */
  public static JsonMapper newMapper() {
    return builder().build();
  }

  /**
   * A new mapper that writes canonical JSON: properties and map entries sorted, no nulls, no
   * whitespace. The same value always gives the same bytes, so it can be hashed.
   */
  public static JsonMapper newCanonicalMapper() {
    return builder()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
        .disable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  private static JsonMapper.Builder builder() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
  }
}

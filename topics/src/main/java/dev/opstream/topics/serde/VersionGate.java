package dev.opstream.topics.serde;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opstream.topics.records.RecordTypes;
import dev.opstream.topics.records.RecordTypes.RecordType;
import dev.opstream.topics.serde.RecordReadException.Reason;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the {@code type} and {@code schemaVersion} of a parsed record before Jackson binds it, so
 * a record from a newer writer is reported as {@link Reason#UNKNOWN_SCHEMA_VERSION} even when its
 * other fields changed too.
 */
final class VersionGate {

  private static final String SCHEMA_VERSION = "schemaVersion";

  private final String typeProperty;
  private final Map<String, RecordType> subtypes;
  private final RecordType concrete;

  private VersionGate(String typeProperty, Map<String, RecordType> subtypes, RecordType concrete) {
    this.typeProperty = typeProperty;
    this.subtypes = subtypes;
    this.concrete = concrete;
  }

  static VersionGate forType(Class<?> type) {
    if (RecordTypes.isRecordType(type)) {
      return new VersionGate(null, Map.of(), RecordTypes.of(type));
    }
    JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
    JsonSubTypes subtypes = type.getAnnotation(JsonSubTypes.class);
    if (type.isInterface() && info != null && subtypes != null) {
      Map<String, RecordType> byName = new HashMap<>();
      for (JsonSubTypes.Type subtype : subtypes.value()) {
        byName.put(subtype.name(), RecordTypes.of(subtype.value()));
      }
      return new VersionGate(info.property(), Map.copyOf(byName), null);
    }
    return new VersionGate(null, Map.of(), null);
  }

  void check(JsonNode node, String topic) {
    RecordType type = concrete;
    if (typeProperty != null) {
      JsonNode typeId = node.get(typeProperty);
      if (typeId == null || typeId.isNull()) {
        throw new RecordReadException(
            Reason.MISSING_FIELD, topic, "missing required field '" + typeProperty + "'", null);
      }
      type = subtypes.get(typeId.asText());
      if (type == null) {
        throw new RecordReadException(
            Reason.UNKNOWN_TYPE,
            topic,
            "unknown " + typeProperty + " '" + typeId.asText() + "', known: " + subtypes.keySet(),
            null);
      }
    }
    if (type == null) {
      return;
    }
    JsonNode version = node.get(SCHEMA_VERSION);
    if (version == null || version.isNull()) {
      throw new RecordReadException(
          Reason.MISSING_FIELD, topic, "missing required field '" + SCHEMA_VERSION + "'", null);
    }
    if (!version.canConvertToInt() || !version.isIntegralNumber()) {
      throw new RecordReadException(
          Reason.INVALID_VALUE, topic, SCHEMA_VERSION + " is not an integer: " + version, null);
    }
    if (version.intValue() > type.currentVersion()) {
      throw new RecordReadException(
          Reason.UNKNOWN_SCHEMA_VERSION,
          topic,
          type.javaType().getSimpleName()
              + " schemaVersion "
              + version.intValue()
              + " is newer than the supported "
              + type.currentVersion(),
          null);
    }
  }
}

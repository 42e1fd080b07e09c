package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.BiConsumer;

/**
 * Decodes {@code k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta} (and the map entries, times and
 * owner references inside it) from protobuf into its JSON form.
 */
final class ProtobufObjectMeta {

  private final ObjectMapper mapper;

  ProtobufObjectMeta(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectNode decode(ProtobufReader in) {
    ObjectNode meta = mapper.createObjectNode();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> putNonEmpty(meta, "name", in.string());
        case 2 -> putNonEmpty(meta, "generateName", in.string());
        case 3 -> putNonEmpty(meta, "namespace", in.string());
        case 4 -> in.skip(); // selfLink: no longer populated
        case 5 -> putNonEmpty(meta, "uid", in.string());
        case 6 -> putNonEmpty(meta, "resourceVersion", in.string());
        case 7 -> {
          long generation = in.varint();
          if (generation != 0) {
            meta.put("generation", generation);
          }
        }
        case 8 -> putTime(meta, "creationTimestamp", in.message());
        case 9 -> putTime(meta, "deletionTimestamp", in.message());
        case 10 -> meta.put("deletionGracePeriodSeconds", in.varint());
        case 11 -> stringEntry(in.message(), meta.withObjectProperty("labels")::put);
        case 12 -> stringEntry(in.message(), meta.withObjectProperty("annotations")::put);
        case 13 -> meta.withArrayProperty("ownerReferences").add(ownerReference(in.message()));
        case 14 -> meta.withArrayProperty("finalizers").add(in.string());
        case 17 -> meta.withArrayProperty("managedFields").add(managedFields(in.message()));
        default -> in.skip();
      }
    }
    return meta;
  }

  /** Reads one {@code map<string,string>} entry (key = 1, value = 2). */
  static void stringEntry(ProtobufReader entry, BiConsumer<String, String> sink) {
    String key = "";
    String value = "";
    while (entry.next()) {
      switch (entry.field()) {
        case 1 -> key = entry.string();
        case 2 -> value = entry.string();
        default -> entry.skip();
      }
    }
    sink.accept(key, value);
  }

  /** Reads one {@code map<string,bytes>} entry (key = 1, value = 2). */
  static void bytesEntry(ProtobufReader entry, BiConsumer<String, byte[]> sink) {
    String key = "";
    byte[] value = new byte[0];
    while (entry.next()) {
      switch (entry.field()) {
        case 1 -> key = entry.string();
        case 2 -> value = entry.bytes();
        default -> entry.skip();
      }
    }
    sink.accept(key, value);
  }

  private ObjectNode ownerReference(ProtobufReader in) {
    ObjectNode ref = mapper.createObjectNode();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> ref.put("kind", in.string());
        case 3 -> ref.put("name", in.string());
        case 4 -> ref.put("uid", in.string());
        case 5 -> ref.put("apiVersion", in.string());
        case 6 -> ref.put("controller", in.bool());
        case 7 -> ref.put("blockOwnerDeletion", in.bool());
        default -> in.skip();
      }
    }
    return ref;
  }

  private ObjectNode managedFields(ProtobufReader in) {
    ObjectNode entry = mapper.createObjectNode();
    while (in.next()) {
      switch (in.field()) {
        case 1 -> entry.put("manager", in.string());
        case 2 -> entry.put("operation", in.string());
        case 3 -> entry.put("apiVersion", in.string());
        case 4 -> putTime(entry, "time", in.message());
        case 6 -> entry.put("fieldsType", in.string());
        case 7 -> entry.set("fieldsV1", fieldsV1(in.message()));
        case 8 -> putNonEmpty(entry, "subresource", in.string());
        default -> in.skip();
      }
    }
    return entry;
  }

  private JsonNode fieldsV1(ProtobufReader in) {
    JsonNode fields = mapper.createObjectNode();
    while (in.next()) {
      if (in.field() == 1) {
        try {
          fields = mapper.readTree(in.bytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        in.skip();
      }
    }
    return fields;
  }

  private static void putTime(ObjectNode node, String field, ProtobufReader in) {
    long seconds = 0;
    while (in.next()) {
      if (in.field() == 1) {
        seconds = in.varint();
      } else {
        in.skip(); // nanos: JSON times have second precision
      }
    }
    node.put(field, DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds)));
  }

  private static void putNonEmpty(ObjectNode node, String field, String value) {
    if (!value.isEmpty()) {
      node.put(field, value);
    }
  }
}

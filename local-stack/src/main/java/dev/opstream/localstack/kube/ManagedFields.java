package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Records who applied an object in {@code metadata.managedFields}, as server-side apply does. The
 * field set lists the fields of the applied configuration; there is no ownership or conflict logic.
 */
final class ManagedFields {

  private static final Set<String> UNOWNED_TOP_LEVEL = Set.of("apiVersion", "kind");

  private ManagedFields() {}

  /** Replaces the entry of {@code manager} for {@code operation} with one for {@code applied}. */
  static void record(ObjectNode object, String manager, String operation, JsonNode applied) {
    ObjectNode metadata = object.withObjectProperty("metadata");
    ArrayNode entries = metadata.withArrayProperty("managedFields");
    for (Iterator<JsonNode> it = entries.elements(); it.hasNext(); ) {
      JsonNode entry = it.next();
      if (manager.equals(entry.path("manager").asText())
          && operation.equals(entry.path("operation").asText())) {
        it.remove();
      }
    }
    ObjectNode entry = entries.addObject();
    entry.put("manager", manager);
    entry.put("operation", operation);
    entry.put("apiVersion", object.path("apiVersion").asText());
    entry.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    entry.put("fieldsType", "FieldsV1");
    entry.set("fieldsV1", fieldSet(applied, true));
  }

  private static ObjectNode fieldSet(JsonNode node, boolean topLevel) {
    ObjectNode set = JsonNodeFactory.instance.objectNode();
    if (!node.isObject()) {
      return set;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (topLevel && UNOWNED_TOP_LEVEL.contains(field.getKey())) {
        continue;
      }
      JsonNode value = field.getValue();
      set.set("f:" + field.getKey(), value.isObject() ? fieldSet(value, false) : set.objectNode());
    }
    return set;
  }
}

package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}), as kubectl ({@code
 * patch}, {@code apply}) and Helm ({@code upgrade}) send it.
 *
 * <p>Supported: objects merge recursively and {@code null} removes a field; lists with a merge key
 * (see {@link ListMergeKeys}, e.g. containers by {@code name}) merge element by element, other
 * lists are replaced, {@code finalizers} are unioned; the directives {@code $patch: replace|delete}
 * (on objects and list elements, and {@code {"$patch": "replace"}} inside a list), {@code
 * $retainKeys}, {@code $setElementOrder/<field>} and {@code $deleteFromPrimitiveList/<field>}. Not
 * supported: merge keys of custom resources (their lists are replaced) and patch validation against
 * a schema.
 */
final class StrategicMergePatch {

  private static final String PATCH = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
  private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  /** Applies {@code patch} to {@code original}; neither argument is modified. */
  static JsonNode apply(JsonNode original, JsonNode patch) {
    if (!patch.isObject()) {
      throw new PatchException("a strategic merge patch must be a JSON object");
    }
    JsonNode result = mergeObject(original, (ObjectNode) patch);
    if (result == null) {
      throw new PatchException("a strategic merge patch cannot delete the whole object");
    }
    return result;
  }

  /** Returns the merged value, or null when the patch deletes it. */
  private static JsonNode mergeValue(String field, JsonNode original, JsonNode patch) {
    if (patch.isObject()) {
      return mergeObject(original, (ObjectNode) patch);
    }
    if (patch.isArray()) {
      return mergeList(field, original, (ArrayNode) patch);
    }
    return patch.deepCopy();
  }

  private static ObjectNode mergeObject(JsonNode original, ObjectNode patch) {
    String directive = patch.path(PATCH).asText("");
    if (directive.equals("delete")) {
      return null;
    }
    ObjectNode result =
        original != null && original.isObject() && !directive.equals("replace")
            ? ((ObjectNode) original).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (isDirective(key)) {
        continue;
      }
      if (value.isNull()) {
        result.remove(key);
        continue;
      }
      JsonNode merged = mergeValue(key, result.get(key), value);
      if (merged == null) {
        result.remove(key);
      } else {
        result.set(key, merged);
      }
    }
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String key = field.getKey();
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deleteFromList(
            result, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), field.getValue());
      } else if (key.startsWith(SET_ELEMENT_ORDER)) {
        reorder(result, key.substring(SET_ELEMENT_ORDER.length()), field.getValue());
      }
    }
    JsonNode retainKeys = patch.get(RETAIN_KEYS);
    if (retainKeys != null && retainKeys.isArray()) {
      Set<String> keep = new HashSet<>();
      retainKeys.forEach(k -> keep.add(k.asText()));
      List<String> drop = new ArrayList<>();
      result.fieldNames().forEachRemaining(name -> drop.add(name));
      drop.removeAll(keep);
      result.remove(drop);
    }
    return result;
  }

  private static ArrayNode mergeList(String field, JsonNode original, ArrayNode patch) {
    ArrayNode elements = JsonNodeFactory.instance.arrayNode();
    boolean replace = false;
    for (JsonNode element : patch) {
      if (element.isObject()
          && element.size() == 1
          && element.path(PATCH).asText("").equals("replace")) {
        replace = true;
      } else {
        elements.add(element);
      }
    }
    ArrayNode base =
        original != null && original.isArray() && !replace
            ? ((ArrayNode) original).deepCopy()
            : JsonNodeFactory.instance.arrayNode();
    Optional<String> mergeKey = ListMergeKeys.forField(field, elements, original);
    if (mergeKey.isEmpty()) {
      if (ListMergeKeys.isMergedScalarList(field) && !replace) {
        for (JsonNode element : elements) {
          if (!contains(base, element)) {
            base.add(element.deepCopy());
          }
        }
        return base;
      }
      ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : elements) {
        JsonNode cleaned = mergeValue(field, null, element);
        if (cleaned != null) {
          replaced.add(cleaned);
        }
      }
      return replaced;
    }
    String key = mergeKey.get();
    for (JsonNode element : elements) {
      if (!element.isObject()) {
        base.add(element.deepCopy());
        continue;
      }
      int index = indexOf(base, key, element.get(key));
      if (element.path(PATCH).asText("").equals("delete")) {
        while (index >= 0) {
          base.remove(index);
          index = indexOf(base, key, element.get(key));
        }
        continue;
      }
      ObjectNode merged = mergeObject(index >= 0 ? base.get(index) : null, (ObjectNode) element);
      if (index >= 0) {
        base.set(index, merged);
      } else if (merged != null) {
        base.add(merged);
      }
    }
    return base;
  }

  private static void deleteFromList(ObjectNode result, String field, JsonNode values) {
    JsonNode list = result.get(field);
    if (list == null || !list.isArray() || !values.isArray()) {
      return;
    }
    Iterator<JsonNode> it = list.elements();
    while (it.hasNext()) {
      if (contains(values, it.next())) {
        it.remove();
      }
    }
  }

  /**
   * Orders a list like {@code $setElementOrder} says; elements it does not name keep their place
   * after.
   */
  private static void reorder(ObjectNode result, String field, JsonNode order) {
    JsonNode list = result.get(field);
    if (list == null || !list.isArray() || !order.isArray()) {
      return;
    }
    Optional<String> key = ListMergeKeys.forField(field, order, list);
    List<JsonNode> remaining = new ArrayList<>();
    list.forEach(remaining::add);
    ArrayNode ordered = JsonNodeFactory.instance.arrayNode();
    for (JsonNode wanted : order) {
      for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
        JsonNode element = it.next();
        boolean same =
            key.isPresent() && wanted.isObject()
                ? element.isObject()
                    && wanted.get(key.get()) != null
                    && wanted.get(key.get()).equals(element.get(key.get()))
                : wanted.equals(element);
        if (same) {
          ordered.add(element);
          it.remove();
          break;
        }
      }
    }
    remaining.forEach(ordered::add);
    result.set(field, ordered);
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    if (value == null) {
      return -1;
    }
    for (int i = 0; i < list.size(); i++) {
      if (value.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(JsonNode list, JsonNode value) {
    for (JsonNode element : list) {
      if (element.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDirective(String key) {
    return key.equals(PATCH)
        || key.equals(RETAIN_KEYS)
        || key.startsWith(SET_ELEMENT_ORDER)
        || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
  }
}

package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code patchMergeKey}s of the built-in Kubernetes types, by field name. A strategic merge
 * patch merges lists with a merge key element by element and replaces all other lists. Field names
 * are enough for the types opstream, Helm charts and kubectl touch; the real server looks them up
 * in the Go types.
 */
final class ListMergeKeys {

  private static final Map<String, String> BY_FIELD =
      Map.ofEntries(
          Map.entry("containers", "name"),
          Map.entry("initContainers", "name"),
          Map.entry("ephemeralContainers", "name"),
          Map.entry("volumes", "name"),
          Map.entry("imagePullSecrets", "name"),
          Map.entry("env", "name"),
          Map.entry("resourceClaims", "name"),
          Map.entry("hostAliases", "ip"),
          Map.entry("volumeMounts", "mountPath"),
          Map.entry("volumeDevices", "devicePath"),
          Map.entry("ownerReferences", "uid"),
          Map.entry("conditions", "type"),
          Map.entry("topologySpreadConstraints", "topologyKey"));

  /** Lists of scalars whose patch strategy is "merge" (a union) instead of "replace". */
  private static final Set<String> MERGED_SCALAR_LISTS = Set.of("finalizers");

  private ListMergeKeys() {}

  /**
   * The merge key of a list field, if it has one. {@code ports} is keyed by {@code containerPort}
   * in containers and by {@code port} in Services; the elements tell which.
   */
  static Optional<String> forField(String field, JsonNode... lists) {
    if (field.equals("ports")) {
      for (JsonNode list : lists) {
        if (list != null && list.isArray()) {
          for (JsonNode element : list) {
            if (element.has("containerPort")) {
              return Optional.of("containerPort");
            }
            if (element.has("port")) {
              return Optional.of("port");
            }
          }
        }
      }
      return Optional.empty();
    }
    return Optional.ofNullable(BY_FIELD.get(field));
  }

  static boolean isMergedScalarList(String field) {
    return MERGED_SCALAR_LISTS.contains(field);
  }
}

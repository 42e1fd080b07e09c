package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}): creates the object
 * when it does not exist, otherwise merges the applied configuration into it (strategic merge
 * semantics), and records the field manager in {@code managedFields}. Fields another manager set
 * are never removed and there are no conflicts, so {@code force} changes nothing.
 */
final class ServerSideApply {

  static final String CONTENT_TYPE = "application/apply-patch+yaml";

  private final CrudStore store;
  private final ApiResponses responses;
  private final ObjectDefaults defaults;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  ServerSideApply(CrudStore store, ApiResponses responses, ObjectDefaults defaults) {
    this.store = store;
    this.responses = responses;
    this.defaults = defaults;
  }

  MockResponse apply(RequestPath path, RequestPath.ResourceRef ref, byte[] body) {
    Optional<String> manager = path.param("fieldManager").filter(m -> !m.isEmpty());
    if (manager.isEmpty()) {
      return responses.status(
          400, "BadRequest", "PATCH is not supported for apply without a fieldManager");
    }
    JsonNode parsed =
        store.parse(
            serialization
                .convertToJson(new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    if (!(parsed instanceof ObjectNode applied)) {
      throw new PatchException("an apply configuration must be an object");
    }
    String name = applied.path("metadata").path("name").asText("");
    if (!name.equals(ref.name())) {
      return responses.status(
          400,
          "BadRequest",
          "the name of the object ("
              + name
              + ") does not match the name on the URL ("
              + ref.name()
              + ")");
    }
    Optional<ObjectNode> current = store.get(ref.objectPath());
    if (current.isEmpty()) {
      ObjectNode created = applied.deepCopy();
      defaults.apply(created, ref);
      ManagedFields.record(created, manager.get(), "Apply", applied);
      return store.create(ref.collectionPath(), created);
    }
    ObjectNode merged = (ObjectNode) StrategicMergePatch.apply(current.get(), applied);
    merged
        .withObjectProperty("metadata")
        .put("resourceVersion", current.get().path("metadata").path("resourceVersion").asText());
    defaults.apply(merged, ref);
    ManagedFields.record(merged, manager.get(), "Apply", applied);
    String target =
        "status".equals(ref.subresource()) ? ref.objectPath() + "/status" : ref.objectPath();
    return store.replace(target, merged);
  }
}

package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * What the real API server does to an object on every write and the mock does not: fill {@code
 * apiVersion}/{@code kind} from the URL when a client left them out, drop {@code
 * metadata.namespace} from cluster-scoped objects, fold a Secret's {@code stringData} into {@code
 * data}, default a Secret's {@code type}, a Deployment's replicas and a new Namespace's phase.
 */
final class ObjectDefaults {

  private final ApiResourceCatalog catalog;

  ObjectDefaults(ApiResourceCatalog catalog) {
    this.catalog = catalog;
  }

  void apply(ObjectNode object, RequestPath.ResourceRef ref) {
    if (!object.hasNonNull("apiVersion")) {
      object.put("apiVersion", ref.apiVersion());
    }
    if (!object.hasNonNull("kind")) {
      catalog
          .find(ref.group(), ref.version(), ref.plural())
          .ifPresent(r -> object.put("kind", r.kind()));
    }
    JsonNode metadata = object.get("metadata");
    if (ref.namespace() == null && metadata instanceof ObjectNode meta) {
      meta.remove("namespace");
    }
    String gvk = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    if (gvk.equals("v1/Secret")) {
      secret(object);
    } else if (gvk.equals("apps/v1/Deployment")
        && object.get("spec") instanceof ObjectNode spec
        && !spec.hasNonNull("replicas")) {
      spec.put("replicas", 1); // as a real API server defaults it (kubectl describe needs it)
    } else if (gvk.equals("v1/Namespace") && !object.path("status").has("phase")) {
      object.withObjectProperty("status").put("phase", "Active");
    }
  }

  private static void secret(ObjectNode secret) {
    JsonNode stringData = secret.remove("stringData");
    if (stringData != null && stringData.isObject()) {
      ObjectNode data = secret.withObjectProperty("data");
      for (Map.Entry<String, JsonNode> e : stringData.properties()) {
        data.put(
            e.getKey(),
            Base64.getEncoder()
                .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
      }
    }
    if (secret.path("type").asText("").isEmpty()) {
      secret.put("type", "Opaque");
    }
  }
}

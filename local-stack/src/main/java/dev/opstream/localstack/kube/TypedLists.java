package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Gives list responses their typed kind ({@code SecretList}, {@code DeploymentList}, ...) and group
 * version instead of the mock's generic {@code v1 List}. Strict clients (client-go's typed
 * clientsets) decode by kind.
 */
final class TypedLists {

  private final ApiResourceCatalog catalog;
  private final ApiResponses responses;
  private final CrudStore store;

  TypedLists(ApiResourceCatalog catalog, ApiResponses responses, CrudStore store) {
    this.catalog = catalog;
    this.responses = responses;
    this.store = store;
  }

  MockResponse retype(MockResponse response, RequestPath path, RequestPath.ResourceRef ref) {
    if (response.code() != 200 || response.getBody() == null) {
      return response;
    }
    JsonNode body = store.parse(response.getBody().getBytes());
    if (!(body instanceof ObjectNode list) || !"List".equals(list.path("kind").asText())) {
      return response;
    }
    String kind =
        catalog
            .find(ref.group(), ref.version(), ref.plural())
            .map(ApiResource::listKind)
            .orElseGet(() -> kindOfItems(list));
    if (kind == null) {
      return response;
    }
    FieldSelector.of(path).ifPresent(selector -> keepMatching(list, selector));
    list.put("apiVersion", ref.apiVersion());
    list.put("kind", kind);
    list.withObjectProperty("metadata").remove("selfLink");
    return responses.json(200, list);
  }

  private static void keepMatching(ObjectNode list, FieldSelector selector) {
    if (list.get("items") instanceof ArrayNode items) {
      for (int i = items.size() - 1; i >= 0; i--) {
        if (!selector.matches(items.get(i))) {
          items.remove(i);
        }
      }
    }
  }

  private static String kindOfItems(ObjectNode list) {
    JsonNode first = list.path("items").path(0);
    return first.hasNonNull("kind") ? first.get("kind").asText() + "List" : null;
  }
}

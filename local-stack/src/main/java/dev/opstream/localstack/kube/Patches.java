package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * Answers {@code PATCH} by content type. Strategic merge, JSON merge and apply patches are computed
 * here and stored as a whole-object replace (so the mock still bumps resource versions and
 * generations and sends watch events); JSON patches go to the mock, which handles them itself.
 */
final class Patches {

  static final String STRATEGIC = "application/strategic-merge-patch+json";
  static final String MERGE = "application/merge-patch+json";
  static final String JSON_PATCH = "application/json-patch+json";

  private final CrudStore store;
  private final ApiResponses responses;
  private final ObjectDefaults defaults;
  private final ServerSideApply apply;

  Patches(CrudStore store, ApiResponses responses, ObjectDefaults defaults) {
    this.store = store;
    this.responses = responses;
    this.defaults = defaults;
    this.apply = new ServerSideApply(store, responses, defaults);
  }

  MockResponse patch(RecordedRequest request, RequestPath path, RequestPath.ResourceRef ref) {
    if (ref.isCollection()) {
      return responses.status(405, "MethodNotAllowed", "PATCH needs an object name");
    }
    String contentType = mediaType(request.getHeader("Content-Type"));
    byte[] body = request.getBody().getBytes();
    return switch (contentType) {
      case ServerSideApply.CONTENT_TYPE -> apply.apply(path, ref, body);
      case STRATEGIC -> merge(ref, body, StrategicMergePatch::apply);
      case MERGE -> merge(ref, body, JsonMergePatch::apply);
      case JSON_PATCH -> store.dispatch(request);
      default ->
          responses.status(
              415,
              "UnsupportedMediaType",
              "the body of the request was in an unknown format - accepted media types include: "
                  + String.join(", ", JSON_PATCH, MERGE, STRATEGIC, ServerSideApply.CONTENT_TYPE));
    };
  }

  private MockResponse merge(
      RequestPath.ResourceRef ref, byte[] body, BinaryOperator<JsonNode> mergeFunction) {
    Optional<ObjectNode> current = store.get(ref.objectPath());
    if (current.isEmpty()) {
      return responses.notFound(ref);
    }
    JsonNode patch = store.parse(body);
    String currentVersion = current.get().path("metadata").path("resourceVersion").asText();
    String expectedVersion = patch.path("metadata").path("resourceVersion").asText("");
    if (!expectedVersion.isEmpty() && !expectedVersion.equals(currentVersion)) {
      return responses.status(
          409,
          "Conflict",
          "Operation cannot be fulfilled on "
              + ref.qualifiedPlural()
              + " \""
              + ref.name()
              + "\": the object has been modified; please apply your changes to the latest"
              + " version and try again");
    }
    JsonNode merged = mergeFunction.apply(current.get(), patch);
    if (!(merged instanceof ObjectNode object)) {
      throw new PatchException("the patch does not leave an object");
    }
    object.withObjectProperty("metadata").put("resourceVersion", currentVersion);
    defaults.apply(object, ref);
    String target =
        "status".equals(ref.subresource()) ? ref.objectPath() + "/status" : ref.objectPath();
    return store.replace(target, object);
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}

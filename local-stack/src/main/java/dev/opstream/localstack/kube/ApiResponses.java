package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

/** Builds JSON responses and Kubernetes {@code Status} error bodies. */
final class ApiResponses {

  static final String JSON = "application/json";

  private final ObjectMapper mapper;

  ApiResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  MockResponse json(int code, JsonNode body) {
    return json(code, body.toString());
  }

  MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", JSON).setBody(body);
  }

  MockResponse text(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "text/plain; charset=utf-8")
        .setBody(body);
  }

  /** A {@code Status} failure, the body every Kubernetes client understands as an error. */
  MockResponse status(int code, String reason, String message) {
    return json(code, statusBody(code, reason, message));
  }

  MockResponse notFound(RequestPath.ResourceRef ref) {
    ObjectNode status =
        statusBody(404, "NotFound", ref.qualifiedPlural() + " \"" + ref.name() + "\" not found");
    status.set("details", details(ref));
    return json(404, status);
  }

  ObjectNode statusBody(int code, String reason, String message) {
    ObjectNode status = mapper.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return status;
  }

  ObjectNode details(RequestPath.ResourceRef ref) {
    ObjectNode details = mapper.createObjectNode();
    if (ref.name() != null) {
      details.put("name", ref.name());
    }
    if (!ref.group().isEmpty()) {
      details.put("group", ref.group());
    }
    details.put("kind", ref.plural());
    return details;
  }

  /** The reason a client expects for an HTTP status code without a more specific one. */
  static String reasonFor(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 410 -> "Expired";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      default -> code >= 500 ? "InternalError" : "Unknown";
    };
  }
}

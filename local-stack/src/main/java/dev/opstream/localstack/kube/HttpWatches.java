package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Watches over plain HTTP (client-go, kubectl {@code -w}) instead of the WebSocket the mock serves.
 * The mock cannot stream a response, so the answer is a finite stream: an {@code ADDED} event for
 * every selected object newer than the requested {@code resourceVersion}, then the end of the
 * stream. Clients then watch again, so they see changes with a delay and see deletions only when
 * they list again.
 */
final class HttpWatches {

  private final CrudStore store;
  private final ApiResponses responses;
  private final ObjectMapper mapper;

  HttpWatches(CrudStore store, ApiResponses responses, ObjectMapper mapper) {
    this.store = store;
    this.responses = responses;
    this.mapper = mapper;
  }

  static boolean isWebSocketUpgrade(String upgradeHeader) {
    return upgradeHeader != null && upgradeHeader.toLowerCase().contains("websocket");
  }

  MockResponse answer(RequestPath path, RequestPath.ResourceRef ref) {
    long since = parseVersion(path.param("resourceVersion").orElse("0"));
    StringBuilder stream = new StringBuilder();
    for (JsonNode item : store.list(listPath(path, ref))) {
      if (parseVersion(item.path("metadata").path("resourceVersion").asText("0")) > since) {
        ObjectNode event = mapper.createObjectNode();
        event.put("type", "ADDED");
        event.set("object", item);
        stream.append(event).append('\n');
      }
    }
    return responses.json(200, stream.toString());
  }

  private static String listPath(RequestPath path, RequestPath.ResourceRef ref) {
    StringBuilder url = new StringBuilder(ref.collectionPath());
    String separator = "?";
    for (String selector : List.of("labelSelector", "fieldSelector")) {
      String value = path.query().get(selector);
      if (value != null && !value.isEmpty()) {
        url.append(separator)
            .append(selector)
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        separator = "&";
      }
    }
    if (ref.name() != null) {
      url.append(separator)
          .append("fieldSelector=")
          .append(URLEncoder.encode("metadata.name=" + ref.name(), StandardCharsets.UTF_8));
    }
    return url.toString();
  }

  private static long parseVersion(String version) {
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

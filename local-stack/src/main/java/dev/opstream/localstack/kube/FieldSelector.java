package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A list request's {@code fieldSelector} ({@code involvedObject.name=web,type!=Normal}), applied to
 * the objects the mock returns. The mock itself does not filter by fields other than the name and
 * namespace, and {@code kubectl describe} finds an object's Events by {@code involvedObject.*}.
 */
final class FieldSelector {

  private record Requirement(String[] path, String value, boolean equal) {
    boolean matches(JsonNode object) {
      JsonNode node = object;
      for (String field : path) {
        node = node.path(field);
      }
      String actual = node.isValueNode() ? node.asText() : "";
      return actual.equals(value) == equal;
    }
  }

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  /** The selector of a request, if it has a non-empty one. */
  static Optional<FieldSelector> of(RequestPath path) {
    return path.param("fieldSelector").filter(text -> !text.isBlank()).map(FieldSelector::parse);
  }

  static FieldSelector parse(String text) {
    List<Requirement> requirements = new ArrayList<>();
    for (String clause : text.split(",")) {
      boolean equal = !clause.contains("!=");
      String[] sides = clause.split(equal ? "==?" : "!=", 2);
      if (sides.length == 2) {
        requirements.add(new Requirement(sides[0].trim().split("\\."), sides[1].trim(), equal));
      }
    }
    return new FieldSelector(requirements);
  }

  /**
   * The request without its field selector, so that the mock (which would drop every object for a
   * field it does not know) lists them all and this class filters them.
   */
  static RecordedRequest withoutFieldSelector(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    if (query < 0) {
      return request;
    }
    String kept =
        Arrays.stream(path.substring(query + 1).split("&"))
            .filter(param -> !param.startsWith("fieldSelector="))
            .collect(Collectors.joining("&"));
    return new RecordedRequest(
        request.getHttpVersion(),
        request.method(),
        path.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept),
        request.getHeaders(),
        request.getBody());
  }

  boolean matches(JsonNode object) {
    return requirements.stream().allMatch(requirement -> requirement.matches(object));
  }
}

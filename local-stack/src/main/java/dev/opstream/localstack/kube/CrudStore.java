package dev.opstream.localstack.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fabric8 CRUD mock seen as an object store: typed helpers around {@link
 * KubernetesCrudDispatcher} so the extensions can read, create and replace whole objects and let
 * the mock keep doing resource versions, generations, finalizers and watch events.
 */
final class CrudStore {

  private final KubernetesCrudDispatcher crud;
  private final ObjectMapper mapper;

  CrudStore(KubernetesCrudDispatcher crud, ObjectMapper mapper) {
    this.crud = crud;
    this.mapper = mapper;
  }

  /** Passes a request to the mock unchanged. */
  MockResponse dispatch(RecordedRequest request) {
    return crud.dispatch(request);
  }

  /** The mock's answer to a GET of {@code path}. */
  MockResponse read(String path) {
    return crud.handleGet(path);
  }

  Optional<ObjectNode> get(String objectPath) {
    MockResponse response = crud.handleGet(objectPath);
    if (response.code() != 200 || response.getBody() == null) {
      return Optional.empty();
    }
    JsonNode node = parse(response.getBody().getBytes());
    return node.isObject() ? Optional.of((ObjectNode) node) : Optional.empty();
  }

  /** The objects a list path (with its label and field selectors) selects. */
  List<JsonNode> list(String listPath) {
    MockResponse response = crud.handleGet(listPath);
    List<JsonNode> items = new ArrayList<>();
    if (response.code() == 200 && response.getBody() != null) {
      parse(response.getBody().getBytes()).path("items").forEach(items::add);
    }
    return items;
  }

  MockResponse create(String collectionPath, JsonNode object) {
    return crud.handleCreate(jsonRequest(HttpMethod.POST, collectionPath, object));
  }

  MockResponse replace(String objectPath, JsonNode object) {
    return crud.handleUpdate(jsonRequest(HttpMethod.PUT, objectPath, object));
  }

  MockResponse delete(String path) {
    return crud.handleDelete(path);
  }

  /** Parses JSON; a body that is not JSON raises {@link MalformedBodyException}. */
  JsonNode parse(byte[] json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedBodyException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request body that is not valid JSON; answered with 400 Bad Request. */
  static final class MalformedBodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedBodyException(JsonProcessingException cause) {
      super("the request body is not valid JSON: " + cause.getOriginalMessage(), cause);
    }
  }

  /** A request like {@code original} but with a JSON body (used after decoding protobuf). */
  static RecordedRequest withJsonBody(RecordedRequest original, JsonNode body) {
    Headers headers =
        original.getHeaders().newBuilder().setHeader("Content-Type", ApiResponses.JSON).build();
    return new RecordedRequest(
        original.getHttpVersion(),
        original.method(),
        original.getPath(),
        headers,
        new Buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private RecordedRequest jsonRequest(HttpMethod method, String path, JsonNode body) {
    try {
      byte[] bytes = mapper.writeValueAsBytes(body);
      Headers headers = Headers.builder().add("Content-Type", ApiResponses.JSON).build();
      return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer(bytes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of the local API server: serves discovery, health and {@code /version}, turns
 * protobuf bodies into JSON, adds server-side apply, strategic merge patch, typed lists, implicit
 * namespaces and proper {@code Status} errors, and passes everything else to the fabric8 CRUD mock.
 *
 * <p>Whatever goes wrong while handling a request is answered with {@code 500} and a {@code Status}
 * body: the mock's web server would otherwise never answer and the client would hang. Writes are
 * serialised, so a read-modify-write (a patch) cannot interleave with another write.
 */
final class ApiDispatcher extends Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
  private static final List<String> HEALTH = List.of("healthz", "livez", "readyz");

  private final CrudStore store;
  private final ApiResponses responses;
  private final Discovery discovery;
  private final ObjectDefaults defaults;
  private final Namespaces namespaces;
  private final Patches patches;
  private final TypedLists typedLists;
  private final HttpWatches httpWatches;
  private final ProtobufBodies protobuf;
  private final Runnable afterEachRequest;
  private final Supplier<String> serverAddress;
  private final ReentrantLock writeLock = new ReentrantLock();

  ApiDispatcher(
      CrudStore store,
      ObjectMapper mapper,
      ApiResourceCatalog catalog,
      KubeVersion version,
      Supplier<String> serverAddress,
      Runnable afterEachRequest) {
    this.store = store;
    this.responses = new ApiResponses(mapper);
    this.discovery = new Discovery(catalog, responses, mapper, version);
    this.defaults = new ObjectDefaults(catalog);
    this.namespaces = new Namespaces(store, catalog, mapper);
    this.patches = new Patches(store, responses, defaults);
    this.typedLists = new TypedLists(catalog, responses, store);
    this.httpWatches = new HttpWatches(store, responses, mapper);
    this.protobuf = new ProtobufBodies(mapper);
    this.serverAddress = serverAddress;
    this.afterEachRequest = afterEachRequest;
  }

  Namespaces namespaces() {
    return namespaces;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    long started = System.nanoTime();
    long bodySize = request.getBody().size();
    MockResponse response;
    try {
      response = route(request);
    } catch (PatchException e) {
      response = responses.status(422, "Invalid", e.getMessage());
    } catch (CrudStore.MalformedBodyException e) {
      response = responses.status(400, "BadRequest", e.getMessage());
    } catch (ProtobufBodies.UnsupportedKindException e) {
      response = responses.status(415, "UnsupportedMediaType", e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      LOG.warn("{} {} failed in the local API server", request.getMethod(), request.getPath(), e);
      response = responses.status(500, "InternalError", "the local API server failed: " + e);
    } finally {
      afterEachRequest.run();
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} [{} {}, accept {}] -> {} in {} ms",
          request.getMethod(),
          request.getPath(),
          request.getHeader("Content-Type"),
          bodySize,
          request.getHeader("Accept"),
          response.code(),
          (System.nanoTime() - started) / 1_000_000);
    }
    return response;
  }

  private MockResponse route(RecordedRequest request) {
    RequestPath path = RequestPath.parse(request.getPath());
    String method = request.getMethod();
    if (method.equals("GET")) {
      Optional<MockResponse> answer = discovery.answer(path, serverAddress.get());
      if (answer.isPresent()) {
        return answer.get();
      }
      if (path.segments().size() == 1 && HEALTH.contains(path.segments().get(0))) {
        return responses.text(200, "ok");
      }
      if (path.segments().size() == 3 && path.segments().get(0).equals("apis")) {
        return customResourceList(path);
      }
    }
    Optional<RequestPath.ResourceRef> resource = path.resource();
    if (resource.isEmpty()) {
      return responses.status(404, "NotFound", "the server could not find the requested resource");
    }
    RequestPath.ResourceRef ref = resource.get();
    MockResponse response =
        switch (method) {
          case "GET" -> get(request, path, ref);
          case "POST", "PUT", "PATCH", "DELETE" -> write(request, path, ref);
          default -> responses.status(405, "MethodNotAllowed", method + " is not supported here");
        };
    return completed(response, method, ref);
  }

  /** Discovery of a custom resource group version, which the mock knows from the CRDs it stores. */
  private MockResponse customResourceList(RequestPath path) {
    MockResponse response = store.read(path.path());
    JsonNode body =
        response.code() == 200 && response.getBody() != null
            ? store.parse(response.getBody().getBytes())
            : null;
    if (body != null
        && "APIResourceList".equals(body.path("kind").asText())
        && !body.path("resources").isEmpty()) {
      return responses.json(200, body);
    }
    return responses.status(404, "NotFound", "the server could not find the requested resource");
  }

  private MockResponse get(RecordedRequest request, RequestPath path, RequestPath.ResourceRef ref) {
    if (path.isWatch()) {
      return HttpWatches.isWebSocketUpgrade(request.getHeader("Upgrade"))
          ? store.dispatch(request)
          : httpWatches.answer(path, ref);
    }
    if (!ref.isCollection()) {
      return store.dispatch(request);
    }
    boolean selectsFields = FieldSelector.of(path).isPresent();
    MockResponse response =
        store.dispatch(selectsFields ? FieldSelector.withoutFieldSelector(request) : request);
    return typedLists.retype(response, path, ref);
  }

  private MockResponse write(
      RecordedRequest request, RequestPath path, RequestPath.ResourceRef ref) {
    writeLock.lock();
    try {
      if (ref.namespace() != null && createsObjects(request)) {
        namespaces.ensureExists(ref.namespace());
      }
      return switch (request.getMethod()) {
        case "POST", "PUT" -> store.dispatch(withNormalisedBody(request, ref));
        case "PATCH" -> patches.patch(request, path, ref);
        default -> delete(request, ref);
      };
    } finally {
      writeLock.unlock();
    }
  }

  private static boolean createsObjects(RecordedRequest request) {
    return request.getMethod().equals("POST")
        || (request.getMethod().equals("PATCH")
            && Patches.mediaType(request.getHeader("Content-Type"))
                .equals(ServerSideApply.CONTENT_TYPE));
  }

  private MockResponse delete(RecordedRequest request, RequestPath.ResourceRef ref) {
    MockResponse response = store.dispatch(request);
    boolean namespaceDeleted =
        ref.group().isEmpty()
            && ref.plural().equals("namespaces")
            && ref.name() != null
            && ref.subresource() == null
            && response.code() == 200;
    if (namespaceDeleted) {
      namespaces.deleteContents(ref.name());
    }
    return response;
  }

  /** The request with a JSON body that has the defaults the real server would apply. */
  private RecordedRequest withNormalisedBody(RecordedRequest request, RequestPath.ResourceRef ref) {
    byte[] body = request.getBody().getBytes();
    JsonNode object =
        ProtobufBodies.isProtobuf(request.getHeader("Content-Type"))
            ? protobuf.toJson(body)
            : body.length == 0 ? null : store.parse(body);
    if (!(object instanceof ObjectNode node)) {
      return request; // the mock answers with a proper error
    }
    defaults.apply(node, ref);
    return CrudStore.withJsonBody(request, node);
  }

  /** Adds the {@code Status} body and content type the mock leaves out. */
  private MockResponse completed(
      MockResponse response, String method, RequestPath.ResourceRef ref) {
    if (response.getWebSocketListener() != null) {
      return response;
    }
    boolean emptyBody = response.getBody() == null || response.getBody().size() == 0;
    int code = response.code();
    if (code >= 400 && emptyBody) {
      return code == 404 && ref.name() != null
          ? responses.notFound(ref)
          : responses.status(code, ApiResponses.reasonFor(code), "request failed");
    }
    if (code == 409 && !emptyBody) {
      return conflict(response, method, ref);
    }
    if (response.header("Content-Type") == null && !emptyBody) {
      response.setHeader("Content-Type", ApiResponses.JSON);
    }
    return response;
  }

  /** The mock calls every 409 "Invalid"; clients test for AlreadyExists and Conflict. */
  private MockResponse conflict(MockResponse response, String method, RequestPath.ResourceRef ref) {
    JsonNode body = store.parse(response.getBody().getBytes());
    if (!(body instanceof ObjectNode status) || !"Status".equals(status.path("kind").asText())) {
      return response;
    }
    status.put("reason", method.equals("POST") ? "AlreadyExists" : "Conflict");
    status.set("details", responses.details(ref));
    return responses.json(409, status);
  }
}

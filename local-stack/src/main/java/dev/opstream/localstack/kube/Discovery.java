package dev.opstream.localstack.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the discovery documents ({@code /api}, {@code /api/v1}, {@code /apis}, {@code
 * /apis/<group>[/<version>]}) and {@code /version} from the {@link ApiResourceCatalog}.
 *
 * <p>Clients that ask for aggregated discovery ({@code as=APIGroupDiscoveryList} in Accept) get the
 * legacy documents with a plain {@code application/json} content type, which client-go and kubectl
 * take as "aggregated discovery not supported" and fall back to the per-group documents.
 */
final class Discovery {

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final ApiResourceCatalog catalog;
  private final ApiResponses responses;
  private final ObjectMapper mapper;
  private final KubeVersion version;

  Discovery(
      ApiResourceCatalog catalog,
      ApiResponses responses,
      ObjectMapper mapper,
      KubeVersion version) {
    this.catalog = catalog;
    this.responses = responses;
    this.mapper = mapper;
    this.version = version;
  }

  /** The discovery answer for this path, or empty when the path is not a discovery path. */
  Optional<MockResponse> answer(RequestPath path, String serverAddress) {
    List<String> s = path.segments();
    if (s.size() == 1 && s.get(0).equals("version")) {
      return Optional.of(responses.json(200, version.toJson(mapper)));
    }
    if (s.size() == 1 && s.get(0).equals("api")) {
      return Optional.of(responses.json(200, apiVersions(serverAddress)));
    }
    if (s.size() == 2 && s.get(0).equals("api")) {
      return Optional.of(resourceList("", s.get(1)));
    }
    if (s.size() == 1 && s.get(0).equals("apis")) {
      return Optional.of(responses.json(200, groupList()));
    }
    if (s.size() == 2 && s.get(0).equals("apis")) {
      return groupVersions(s.get(1)).map(v -> responses.json(200, group(s.get(1), v)));
    }
    if (s.size() == 3 && s.get(0).equals("apis") && groupVersions(s.get(1)).isPresent()) {
      return Optional.of(resourceList(s.get(1), s.get(2)));
    }
    return Optional.empty();
  }

  private ObjectNode apiVersions(String serverAddress) {
    ObjectNode node = mapper.createObjectNode();
    node.put("kind", "APIVersions");
    node.putArray("versions").add("v1");
    ObjectNode cidr = node.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", serverAddress);
    return node;
  }

  private ObjectNode groupList() {
    ObjectNode node = mapper.createObjectNode();
    node.put("kind", "APIGroupList");
    node.put("apiVersion", "v1");
    ArrayNode groups = node.putArray("groups");
    for (Map.Entry<String, List<String>> g : catalog.groups().entrySet()) {
      groups.add(groupBody(g.getKey(), g.getValue()));
    }
    return node;
  }

  private ObjectNode group(String name, List<String> versions) {
    ObjectNode node = groupBody(name, versions);
    node.put("kind", "APIGroup");
    node.put("apiVersion", "v1");
    return node;
  }

  private ObjectNode groupBody(String name, List<String> versions) {
    ObjectNode group = mapper.createObjectNode();
    group.put("name", name);
    ArrayNode list = group.putArray("versions");
    for (String v : versions) {
      ObjectNode gv = list.addObject();
      gv.put("groupVersion", name + "/" + v);
      gv.put("version", v);
    }
    group.set("preferredVersion", list.get(0).deepCopy());
    return group;
  }

  private MockResponse resourceList(String group, String version) {
    List<ApiResource> resources = catalog.inGroupVersion(group, version);
    if (resources.isEmpty()) {
      return responses.status(404, "NotFound", "the server could not find the requested resource");
    }
    ObjectNode node = mapper.createObjectNode();
    node.put("kind", "APIResourceList");
    node.put("apiVersion", "v1");
    node.put("groupVersion", resources.get(0).groupVersion());
    ArrayNode list = node.putArray("resources");
    for (ApiResource r : resources) {
      ObjectNode res = list.addObject();
      res.put("name", r.plural());
      res.put("singularName", r.singular());
      res.put("namespaced", r.namespaced());
      res.put("kind", r.kind());
      VERBS.forEach(res.putArray("verbs")::add);
      if (!r.shortNames().isEmpty()) {
        r.shortNames().forEach(res.putArray("shortNames")::add);
      }
      ObjectNode status = list.addObject();
      status.put("name", r.plural() + "/status");
      status.put("singularName", "");
      status.put("namespaced", r.namespaced());
      status.put("kind", r.kind());
      List.of("get", "patch", "update").forEach(status.putArray("verbs")::add);
    }
    return responses.json(200, node);
  }

  private Optional<List<String>> groupVersions(String group) {
    return Optional.ofNullable(catalog.groups().get(group));
  }
}

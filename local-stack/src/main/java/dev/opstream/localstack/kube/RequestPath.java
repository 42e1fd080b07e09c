package dev.opstream.localstack.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request URI split into path segments and decoded query parameters.
 *
 * @param path the path without the query, e.g. {@code /apis/apps/v1/deployments}
 * @param segments the non-empty path segments
 * @param query decoded query parameters (the last value wins)
 */
record RequestPath(String path, List<String> segments, Map<String, String> query) {

  RequestPath {
    segments = List.copyOf(segments);
    query = Map.copyOf(query);
  }

  static RequestPath parse(String uri) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    Map<String, String> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : uri.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        query.put(key, value);
      }
    }
    List<String> segments =
        Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(RequestPath::decode).toList();
    return new RequestPath(path, segments, query);
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(query.get(name));
  }

  boolean isWatch() {
    return "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
  }

  /**
   * The resource this path addresses, when it is a resource path under {@code /api} or {@code
   * /apis}.
   */
  Optional<ResourceRef> resource() {
    int rest;
    String group;
    String version;
    if (segments.size() >= 3 && segments.get(0).equals("api")) {
      group = "";
      version = segments.get(1);
      rest = 2;
    } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      version = segments.get(2);
      rest = 3;
    } else {
      return Optional.empty();
    }
    String namespace = null;
    List<String> tail = segments.subList(rest, segments.size());
    boolean namespaceSubresource =
        tail.size() == 3 && Set.of("status", "finalize").contains(tail.get(2));
    if (tail.size() >= 3 && tail.get(0).equals("namespaces") && !namespaceSubresource) {
      namespace = tail.get(1);
      tail = tail.subList(2, tail.size());
    }
    if (tail.isEmpty() || tail.size() > 3) {
      return Optional.empty();
    }
    String name = tail.size() >= 2 ? tail.get(1) : null;
    String subresource = tail.size() == 3 ? tail.get(2) : null;
    return Optional.of(new ResourceRef(group, version, namespace, tail.get(0), name, subresource));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /**
   * What a resource path addresses.
   *
   * @param group API group, empty for core
   * @param version API version
   * @param namespace namespace, or null for cluster-wide paths
   * @param plural resource name, e.g. {@code secrets}
   * @param name object name, or null for a collection
   * @param subresource e.g. {@code status}, or null
   */
  record ResourceRef(
      String group,
      String version,
      String namespace,
      String plural,
      String name,
      String subresource) {

    boolean isCollection() {
      return name == null;
    }

    String apiVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }

    /** The URL of the collection this object belongs to (no name, no subresource, no query). */
    String collectionPath() {
      StringBuilder sb = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/");
      sb.append(version);
      if (namespace != null) {
        sb.append("/namespaces/").append(namespace);
      }
      return sb.append('/').append(plural).toString();
    }

    /** The URL of the object itself (no subresource, no query). */
    String objectPath() {
      return collectionPath() + "/" + name;
    }

    String qualifiedPlural() {
      return group.isEmpty() ? plural : plural + "." + group;
    }
  }
}

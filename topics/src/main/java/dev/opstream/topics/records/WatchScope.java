package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.TreeSet;

/**
 * Which namespaces a watcher lists: all of them, or the named ones.
 *
 * @param allNamespaces true when the watcher watches every namespace ({@code namespaces} is then
 *     empty)
 * @param namespaces the watched namespaces, sorted, when not all
 */
public record WatchScope(
    @JsonProperty(required = true) boolean allNamespaces, List<String> namespaces) {

  public WatchScope {
    namespaces = List.copyOf(new TreeSet<>(Checks.listOrEmpty(namespaces, "namespaces")));
    if (allNamespaces && !namespaces.isEmpty()) {
      throw Checks.invalid("namespaces", "must be empty when allNamespaces is true");
    }
    if (!allNamespaces && namespaces.isEmpty()) {
      throw Checks.invalid("namespaces", "must name at least one namespace");
    }
  }

  public static WatchScope all() {
    return new WatchScope(true, List.of());
  }

  public static WatchScope namespaces(List<String> namespaces) {
    return new WatchScope(false, namespaces);
  }

  /** Whether the app lives in a namespace this scope watches (its cluster is not checked). */
  public boolean covers(AppKey app) {
    return allNamespaces || namespaces.contains(app.namespace());
  }
}

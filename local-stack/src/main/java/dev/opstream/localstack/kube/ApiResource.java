package dev.opstream.localstack.kube;

import java.util.List;

/**
 * One resource type the local API server announces in discovery.
 *
 * @param group API group, empty for the core group
 * @param version API version, e.g. {@code v1}
 * @param plural resource name in URLs, e.g. {@code deployments}
 * @param kind object kind, e.g. {@code Deployment}
 * @param namespaced whether objects live in a namespace
 * @param shortNames kubectl short names, e.g. {@code deploy}
 */
record ApiResource(
    String group,
    String version,
    String plural,
    String kind,
    boolean namespaced,
    List<String> shortNames) {

  ApiResource {
    shortNames = List.copyOf(shortNames);
  }

  /** {@code v1} for the core group, {@code apps/v1} otherwise. */
  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The kind of a list of these objects, e.g. {@code DeploymentList}. */
  String listKind() {
    return kind + "List";
  }

  String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }

  /** How error messages name the resource: {@code deployments.apps} or {@code secrets}. */
  String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}

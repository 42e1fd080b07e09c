package dev.opstream.localstack.kube;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in resource types the local API server announces: the core types opstream, Helm charts
 * and kubectl touch. Custom resources are left to the CRUD mock's own handling.
 */
final class ApiResourceCatalog {

  private static final List<ApiResource> STANDARD =
      List.of(
          core("namespaces", "Namespace", false, "ns"),
          core("pods", "Pod", true, "po"),
          core("services", "Service", true, "svc"),
          core("secrets", "Secret", true),
          core("configmaps", "ConfigMap", true, "cm"),
          core("serviceaccounts", "ServiceAccount", true, "sa"),
          core("events", "Event", true, "ev"),
          core("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc"),
          core("persistentvolumes", "PersistentVolume", false, "pv"),
          core("endpoints", "Endpoints", true, "ep"),
          core("nodes", "Node", false, "no"),
          grouped("apps", "v1", "deployments", "Deployment", true, "deploy"),
          grouped("apps", "v1", "statefulsets", "StatefulSet", true, "sts"),
          grouped("apps", "v1", "daemonsets", "DaemonSet", true, "ds"),
          grouped("apps", "v1", "replicasets", "ReplicaSet", true, "rs"),
          grouped("apps", "v1", "controllerrevisions", "ControllerRevision", true),
          grouped("batch", "v1", "jobs", "Job", true),
          grouped("batch", "v1", "cronjobs", "CronJob", true, "cj"),
          grouped("coordination.k8s.io", "v1", "leases", "Lease", true),
          grouped("events.k8s.io", "v1", "events", "Event", true, "ev"),
          grouped("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, "pdb"),
          grouped("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, "netpol"),
          grouped("networking.k8s.io", "v1", "ingresses", "Ingress", true, "ing"),
          grouped("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
          grouped("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
          grouped("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
          grouped(
              "rbac.authorization.k8s.io",
              "v1",
              "clusterrolebindings",
              "ClusterRoleBinding",
              false),
          grouped(
              "autoscaling",
              "v2",
              "horizontalpodautoscalers",
              "HorizontalPodAutoscaler",
              true,
              "hpa"),
          grouped(
              "apiextensions.k8s.io",
              "v1",
              "customresourcedefinitions",
              "CustomResourceDefinition",
              false,
              "crd",
              "crds"));

  private static final ApiResourceCatalog INSTANCE = new ApiResourceCatalog(STANDARD);

  private final List<ApiResource> resources;

  private ApiResourceCatalog(List<ApiResource> resources) {
    this.resources = resources;
  }

  static ApiResourceCatalog standard() {
    return INSTANCE;
  }

  List<ApiResource> all() {
    return resources;
  }

  /** Group name to its versions, in announcement order; the core group is not included. */
  Map<String, List<String>> groups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    resources.stream()
        .filter(r -> !r.group().isEmpty())
        .forEach(
            r -> {
              List<String> versions =
                  groups.computeIfAbsent(r.group(), g -> new java.util.ArrayList<>());
              if (!versions.contains(r.version())) {
                versions.add(r.version());
              }
            });
    return groups;
  }

  List<ApiResource> inGroupVersion(String group, String version) {
    return resources.stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version))
        .collect(Collectors.toList());
  }

  Optional<ApiResource> find(String group, String version, String plural) {
    return resources.stream()
        .filter(
            r ->
                r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst();
  }

  List<ApiResource> namespaced() {
    return resources.stream().filter(ApiResource::namespaced).collect(Collectors.toList());
  }

  private static ApiResource core(
      String plural, String kind, boolean namespaced, String... shortNames) {
    return new ApiResource("", "v1", plural, kind, namespaced, List.of(shortNames));
  }

  private static ApiResource grouped(
      String group,
      String version,
      String plural,
      String kind,
      boolean namespaced,
      String... shortNames) {
    return new ApiResource(group, version, plural, kind, namespaced, List.of(shortNames));
  }
}

package dev.opstream.actuator.runner.clusters;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the clusters an actuator acts in come from: the contexts of a kubeconfig file (each context
 * serves the cluster of the same name) and, optionally, the cluster the actuator runs in, reached
 * with its service account under a configured name.
 *
 * @param kubeconfig the kubeconfig file, if any (in the chart: a mounted Secret)
 * @param inClusterName the name under which the actuator's own cluster is known, if it acts there
 * @param inCluster how the own cluster is reached (service account files, API address)
 */
public record ClusterAccess(
    Optional<Path> kubeconfig, Optional<String> inClusterName, InCluster inCluster) {

  /**
   * Environment variable naming the kubeconfig file (falls back to the first {@code KUBECONFIG}).
   */
  public static final String KUBECONFIG_ENV = "OPSTREAM_KUBECONFIG";

  /** Environment variable naming the actuator's own cluster; unset: only kubeconfig contexts. */
  public static final String IN_CLUSTER_NAME_ENV = "OPSTREAM_IN_CLUSTER_NAME";

  public ClusterAccess {
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(inClusterName, "inClusterName");
    Objects.requireNonNull(inCluster, "inCluster");
    if (kubeconfig.isEmpty() && inClusterName.isEmpty()) {
      throw new IllegalArgumentException(
          "no cluster is configured: set "
              + KUBECONFIG_ENV
              + " (a kubeconfig whose context names are cluster names) or "
              + IN_CLUSTER_NAME_ENV
              + " (the name of the cluster the actuator runs in), or both");
    }
  }

  /** Only the contexts of {@code kubeconfig}. */
  public static ClusterAccess kubeconfig(Path kubeconfig) {
    return new ClusterAccess(
        Optional.of(kubeconfig), Optional.empty(), InCluster.fromEnv(Map.of()));
  }

  /**
   * From {@code OPSTREAM_KUBECONFIG} (or the first entry of {@code KUBECONFIG}), {@code
   * OPSTREAM_IN_CLUSTER_NAME}, and the service account variables Kubernetes sets in every pod.
   */
  public static ClusterAccess fromEnv(Map<String, String> env) {
    Optional<Path> kubeconfig =
        nonBlank(env.get(KUBECONFIG_ENV))
            .or(
                () ->
                    nonBlank(env.get("KUBECONFIG"))
                        .map(list -> list.split(java.io.File.pathSeparator)[0])
                        .flatMap(ClusterAccess::nonBlank))
            .map(Path::of);
    return new ClusterAccess(
        kubeconfig, nonBlank(env.get(IN_CLUSTER_NAME_ENV)), InCluster.fromEnv(env));
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * How a pod reaches the API server of its own cluster.
   *
   * @param host the API server host ({@code KUBERNETES_SERVICE_HOST}), absent outside a cluster
   * @param port its port ({@code KUBERNETES_SERVICE_PORT})
   * @param tokenFile the service account token, re-read on every request (tokens rotate)
   * @param caFile the cluster's CA certificate
   */
  public record InCluster(Optional<String> host, String port, Path tokenFile, Path caFile) {

    /** The directory Kubernetes mounts the service account into. */
    public static final Path SERVICE_ACCOUNT_DIR =
        Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    public InCluster {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(port, "port");
      Objects.requireNonNull(tokenFile, "tokenFile");
      Objects.requireNonNull(caFile, "caFile");
    }

    /**
     * From {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} and the standard service account files.
     */
    public static InCluster fromEnv(Map<String, String> env) {
      return new InCluster(
          nonBlank(env.get("KUBERNETES_SERVICE_HOST")),
          nonBlank(env.get("KUBERNETES_SERVICE_PORT")).orElse("443"),
          SERVICE_ACCOUNT_DIR.resolve("token"),
          SERVICE_ACCOUNT_DIR.resolve("ca.crt"));
    }

    /** The API server's URL, {@code https://host:port} (IPv6 hosts bracketed). */
    public String url() {
      String h =
          host.orElseThrow(
              () ->
                  new IllegalStateException(
                      "KUBERNETES_SERVICE_HOST is not set: the actuator does not run inside a"
                          + " cluster, so it cannot use the in-cluster configuration"));
      return "https://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }
  }
}

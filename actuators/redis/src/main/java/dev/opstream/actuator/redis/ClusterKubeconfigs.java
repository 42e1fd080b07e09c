package dev.opstream.actuator.redis;

/**
 * Gives Helm its access to a cluster: a kubeconfig document whose current context is that cluster
 * ({@code KubeconfigClusterClients::kubeconfigFor}). The document holds credentials: never log it.
 */
@FunctionalInterface
public interface ClusterKubeconfigs {

  /**
   * The kubeconfig for {@code cluster}.
   *
   * @throws dev.opstream.actuator.runner.ActuatorException permanent when the cluster is unknown
   */
  String kubeconfigFor(String cluster);
}

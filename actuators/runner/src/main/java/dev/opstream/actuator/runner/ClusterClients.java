package dev.opstream.actuator.runner;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Maps the cluster named in an app's key to a Kubernetes client for that cluster (a kubeconfig
 * context, or the in-cluster config for the cluster the actuator runs in). Used by the actuators
 * that act inside clusters (redis, cronjob).
 */
public interface ClusterClients extends AutoCloseable {

  /**
   * The client for {@code cluster}.
   *
   * @throws ActuatorException permanent, naming the known clusters, when the cluster is unknown
   */
  KubernetesClient forCluster(String cluster);

  @Override
  void close();
}

package dev.opstream.cli;

import dev.opstream.actuator.runner.clusters.ClusterAccess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How an actuator that acts inside clusters reaches them: a kubeconfig, and the in-cluster name.
 */
final class ClusterOptions {

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "A kubeconfig with one context per cluster, named as the cluster in the apps' keys"
              + " (default: $OPSTREAM_KUBECONFIG, else the first file of $KUBECONFIG).")
  private Path kubeconfig;

  @Option(
      names = "--in-cluster-name",
      paramLabel = "CLUSTER",
      description =
          "Reach the cluster this actuator runs in through its service account, under this name"
              + " (default: $OPSTREAM_IN_CLUSTER_NAME).")
  private String inClusterName;

  /** The environment's settings, with the options given on the command line in their place. */
  ClusterAccess access() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (kubeconfig != null) {
      env.put(ClusterAccess.KUBECONFIG_ENV, kubeconfig.toString());
    }
    if (inClusterName != null) {
      env.put(ClusterAccess.IN_CLUSTER_NAME_ENV, inClusterName);
    }
    return ClusterAccess.fromEnv(env);
  }
}

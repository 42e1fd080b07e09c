package dev.opstream.watcher.config;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.RecordValidationException;
import java.nio.file.Path;

/**
 * One cluster the watcher watches: its name (the first part of every key) and how to reach it.
 *
 * @param name the cluster's name in opstream's keys, a DNS-1123 label
 * @param kubeconfig the kubeconfig file; null for the default discovery (KUBECONFIG, {@code
 *     ~/.kube/config}, then the in-cluster service account)
 * @param context the kubeconfig context; null for the current one
 */
public record ClusterTarget(String name, Path kubeconfig, String context) {

  public ClusterTarget {
    if (name == null || name.isBlank()) {
      throw new WatcherConfigException("a cluster needs a name");
    }
    try {
      new AppKey(name, "default", "name");
    } catch (RecordValidationException e) {
      throw new WatcherConfigException(
          "cluster name '"
              + name
              + "' is not valid: it starts every app key, so it must be lower case letters,"
              + " digits and '-', at most 63 characters, starting and ending with a letter or"
              + " digit");
    }
    if (context != null && context.isBlank()) {
      context = null;
    }
  }

  /** Where the cluster comes from, for log lines and error messages. */
  public String describe() {
    String where = kubeconfig == null ? "the default kubeconfig" : kubeconfig.toString();
    return name
        + " ("
        + (context == null ? "current context" : "context " + context)
        + " of "
        + where
        + ")";
  }
}

package dev.opstream.watcher.config;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Connects to a {@link ClusterTarget}, failing clearly when its kubeconfig context is unknown. */
public final class KubeClients {

  private KubeClients() {}

  /** A client for the target's cluster (no request is made yet). */
  public static KubernetesClient connect(ClusterTarget target) {
    Config config;
    if (target.kubeconfig() != null) {
      String content;
      try {
        content = Files.readString(target.kubeconfig());
      } catch (IOException e) {
        throw new WatcherConfigException(
            "cannot read kubeconfig " + target.kubeconfig() + ": " + e.getMessage());
      }
      List<String> contexts = contexts(content, target.kubeconfig().toString());
      requireContext(target, contexts);
      config = Config.fromKubeconfig(target.context(), target.kubeconfig().toFile());
    } else {
      if (target.context() != null) {
        List<String> contexts = new ArrayList<>();
        for (String file : Config.getKubeconfigFilenames()) {
          File kubeconfig = new File(file);
          if (kubeconfig.isFile()) {
            try {
              contexts.addAll(contexts(Files.readString(kubeconfig.toPath()), file));
            } catch (IOException e) {
              throw new WatcherConfigException(
                  "cannot read kubeconfig " + file + ": " + e.getMessage());
            }
          }
        }
        requireContext(target, contexts);
      }
      config = Config.autoConfigure(target.context());
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static List<String> contexts(String kubeconfig, String where) {
    try {
      List<NamedContext> named = KubeConfigUtils.parseConfigFromString(kubeconfig).getContexts();
      return named == null ? List.of() : named.stream().map(NamedContext::getName).toList();
    } catch (RuntimeException e) {
      throw new WatcherConfigException(
          "kubeconfig " + where + " cannot be read: " + e.getMessage());
    }
  }

  private static void requireContext(ClusterTarget target, List<String> contexts) {
    if (target.context() != null && !contexts.contains(target.context())) {
      throw new WatcherConfigException(
          "context '"
              + target.context()
              + "' for cluster "
              + target.name()
              + " is not in the kubeconfig (contexts: "
              + String.join(", ", contexts)
              + ")");
    }
  }
}

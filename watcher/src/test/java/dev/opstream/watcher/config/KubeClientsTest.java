package dev.opstream.watcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClientsTest {

  private static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: eks
        cluster:
          server: http://127.0.0.1:1
      - name: gke
        cluster:
          server: http://127.0.0.1:2
      users:
      - name: me
        user: {}
      contexts:
      - name: eks
        context: {cluster: eks, user: me}
      - name: gke
        context: {cluster: gke, user: me}
      current-context: eks
      """;

  @TempDir Path dir;

  @Test
  void connectsToTheNamedContextsServer() throws Exception {
    Path file = Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);

    try (KubernetesClient client = KubeClients.connect(new ClusterTarget("prod", file, "gke"))) {
      assertThat(client.getConfiguration().getMasterUrl()).startsWith("http://127.0.0.1:2");
    }
  }

  @Test
  void refusesAContextTheKubeconfigDoesNotHaveListingTheOnesItHas() throws Exception {
    Path file = Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);

    assertThatThrownBy(() -> KubeClients.connect(new ClusterTarget("prod", file, "aks")))
        .isInstanceOf(WatcherConfigException.class)
        .hasMessage("context 'aks' for cluster prod is not in the kubeconfig (contexts: eks, gke)");
  }
}

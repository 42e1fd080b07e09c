package dev.opstream.actuator.runner.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.actuator.runner.ActuatorException;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigClusterClientsTest {

  private static final String THREE_CLUSTERS =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: east-api
        cluster:
          server: https://east.example:6443
          insecure-skip-tls-verify: true
      - name: west-api
        cluster:
          server: https://west.example:6443
          insecure-skip-tls-verify: true
      - name: files-api
        cluster:
          server: https://files.example:6443
          certificate-authority: certs/ca.crt
      users:
      - name: east-admin
        user:
          token: east-token
      - name: west-admin
        user:
          token: west-token
      - name: files-admin
        user:
          client-certificate: certs/admin.crt
          client-key: /abs/admin.key
      contexts:
      - name: east
        context: {cluster: east-api, user: east-admin, namespace: apps}
      - name: west
        context: {cluster: west-api, user: west-admin}
      - name: files
        context: {cluster: files-api, user: files-admin}
      current-context: east
      """;

  @TempDir Path dir;

  @Test
  void servesEachClusterFromTheContextOfTheSameName() throws IOException {
    try (KubeconfigClusterClients clients =
        KubeconfigClusterClients.create(ClusterAccess.kubeconfig(kubeconfig()))) {
      assertThat(clients.clusters()).containsExactly("east", "files", "west");

      KubernetesClient west = clients.forCluster("west");
      assertThat(west.getConfiguration().getMasterUrl()).isEqualTo("https://west.example:6443/");
      assertThat(clients.forCluster("east").getConfiguration().getMasterUrl())
          .isEqualTo("https://east.example:6443/");
      assertThat(clients.forCluster("west")).isSameAs(west);
    }
  }

  @Test
  void unknownClusterIsAPermanentFailureNamingTheKnownOnes() throws IOException {
    try (KubeconfigClusterClients clients =
        KubeconfigClusterClients.create(ClusterAccess.kubeconfig(kubeconfig()))) {
      assertThatThrownBy(() -> clients.forCluster("north"))
          .isInstanceOfSatisfying(
              ActuatorException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(ActuatorException.Reason.PERMANENT);
                assertThat(e.getMessage())
                    .contains("unknown cluster 'north'")
                    .contains("only east, files, west");
              });
      assertThatThrownBy(() -> clients.kubeconfigFor("north"))
          .isInstanceOf(ActuatorException.class);
    }
  }

  @Test
  void kubeconfigForOneClusterHoldsOnlyItsContextWithAbsolutePaths() throws IOException {
    Path file = kubeconfig();
    try (KubeconfigClusterClients clients =
        KubeconfigClusterClients.create(ClusterAccess.kubeconfig(file))) {
      Config files = KubeConfigUtils.parseConfigFromString(clients.kubeconfigFor("files"));

      assertThat(files.getCurrentContext()).isEqualTo("files");
      assertThat(files.getContexts()).extracting(c -> c.getName()).containsExactly("files");
      assertThat(files.getClusters()).extracting(c -> c.getName()).containsExactly("files-api");
      assertThat(files.getClusters().get(0).getCluster().getCertificateAuthority())
          .isEqualTo(dir.resolve("certs/ca.crt").toAbsolutePath().toString());
      assertThat(files.getUsers()).extracting(u -> u.getName()).containsExactly("files-admin");
      assertThat(files.getUsers().get(0).getUser().getClientCertificate())
          .isEqualTo(dir.resolve("certs/admin.crt").toAbsolutePath().toString());
      assertThat(files.getUsers().get(0).getUser().getClientKey()).isEqualTo("/abs/admin.key");

      Config east = KubeConfigUtils.parseConfigFromString(clients.kubeconfigFor("east"));
      assertThat(east.getClusters().get(0).getCluster().getInsecureSkipTlsVerify()).isTrue();
      assertThat(east.getUsers().get(0).getUser().getToken()).isEqualTo("east-token");
      assertThat(east.getContexts().get(0).getContext().getNamespace()).isEqualTo("apps");
    }
  }

  @Test
  void inClusterNameUsesTheServiceAccountAndRereadsItsToken() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "first-token\n");
    Path ca = Files.writeString(dir.resolve("ca.crt"), "not a real certificate");
    ClusterAccess access =
        new ClusterAccess(
            Optional.of(kubeconfig()),
            Optional.of("home"),
            new ClusterAccess.InCluster(Optional.of("10.0.0.1"), "443", token, ca));
    try (KubeconfigClusterClients clients = KubeconfigClusterClients.create(access)) {
      assertThat(clients.clusters()).containsExactly("east", "files", "home", "west");

      io.fabric8.kubernetes.client.Config config = clients.forCluster("home").getConfiguration();
      assertThat(config.getMasterUrl()).isEqualTo("https://10.0.0.1:443/");
      assertThat(config.getCaCertFile()).isEqualTo(ca.toString());
      assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("first-token");
      Files.writeString(token, "rotated-token\n");
      assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("rotated-token");

      Config helm = KubeConfigUtils.parseConfigFromString(clients.kubeconfigFor("home"));
      assertThat(helm.getCurrentContext()).isEqualTo("home");
      assertThat(helm.getClusters().get(0).getCluster().getServer())
          .isEqualTo("https://10.0.0.1:443");
      assertThat(helm.getClusters().get(0).getCluster().getCertificateAuthority())
          .isEqualTo(ca.toString());
      assertThat(helm.getUsers().get(0).getUser().getTokenFile()).isEqualTo(token.toString());
    }
  }

  @Test
  void inClusterNameMustNotShadowAContext() throws IOException {
    ClusterAccess access =
        new ClusterAccess(
            Optional.of(kubeconfig()),
            Optional.of("east"),
            ClusterAccess.InCluster.fromEnv(Map.of()));

    assertThatThrownBy(() -> KubeconfigClusterClients.create(access))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'east' is both the in-cluster name and a context");
  }

  @Test
  void readsItsSettingsFromTheEnvironment() {
    ClusterAccess access =
        ClusterAccess.fromEnv(
            Map.of(
                "KUBECONFIG", "/etc/opstream/kubeconfig:/other",
                "OPSTREAM_IN_CLUSTER_NAME", "home",
                "KUBERNETES_SERVICE_HOST", "fd00::1",
                "KUBERNETES_SERVICE_PORT", "6443"));

    assertThat(access.kubeconfig()).contains(Path.of("/etc/opstream/kubeconfig"));
    assertThat(access.inClusterName()).contains("home");
    assertThat(access.inCluster().url()).isEqualTo("https://[fd00::1]:6443");
    assertThat(
            ClusterAccess.fromEnv(Map.of("OPSTREAM_KUBECONFIG", "/a", "KUBECONFIG", "/b"))
                .kubeconfig())
        .contains(Path.of("/a"));
    assertThatThrownBy(() -> ClusterAccess.fromEnv(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no cluster is configured");
  }

  private Path kubeconfig() throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), THREE_CLUSTERS);
  }
}

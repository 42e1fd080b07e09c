package dev.opstream.localstack.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.opstream.localstack.junit.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Real Helm (helm-java's bundled native Helm) against the local API server. */
@ExtendWith(KubeApiServerExtension.class)
class HelmIT {

  private static final Logger LOG = LoggerFactory.getLogger(HelmIT.class);
  private static final Duration HELM_TIMEOUT = Duration.ofSeconds(60);
  private static final String NAMESPACE = "helm-it";
  private static final String RELEASE = "demo";

  private KubernetesClient client;
  private Path kubeconfig;
  private Path chart;

  @BeforeEach
  void setUp(KubeApiServer server, @TempDir Path dir) throws URISyntaxException {
    client = server.client();
    kubeconfig = KubeConfigFile.write(dir.resolve("kubeconfig"), List.of(server));
    chart =
        Path.of(
                Objects.requireNonNull(HelmIT.class.getResource("/charts/demo-app/Chart.yaml"))
                    .toURI())
            .getParent();
  }

  @Test
  void installsUpgradesListsAndUninstallsAChart() throws Exception {
    long started = System.nanoTime();
    Release installed =
        HelmCalls.within(
            HELM_TIMEOUT,
            () ->
                new Helm(chart)
                    .install()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withKubeConfig(kubeconfig)
                    .disableOpenApiValidation()
                    .call());
    LOG.info("helm install took {} ms", (System.nanoTime() - started) / 1_000_000);

    assertThat(installed.getStatus()).isEqualTo("deployed");
    assertThat(deploymentImage()).isEqualTo("nginx:1.27");
    assertThat(client.services().inNamespace(NAMESPACE).withName(RELEASE).get()).isNotNull();
    assertThat(decoded(client.secrets().inNamespace(NAMESPACE).withName("demo-secret").get()))
        .isEqualTo("s3cret");
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("demo-config").get().getData())
        .containsEntry("greeting", "hello");
    assertThat(releaseSecrets()).containsExactly("sh.helm.release.v1.demo.v1");

    Release upgraded =
        HelmCalls.within(
            HELM_TIMEOUT,
            () ->
                new Helm(chart)
                    .upgrade()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withKubeConfig(kubeconfig)
                    .disableOpenApiValidation()
                    .set("image", "nginx:1.28")
                    .set("greeting", "bonjour")
                    .call());

    assertThat(upgraded.getRevision()).isEqualTo("2");
    assertThat(deploymentImage()).isEqualTo("nginx:1.28");
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("demo-config").get().getData())
        .containsEntry("greeting", "bonjour");
    assertThat(releaseSecrets())
        .containsExactlyInAnyOrder("sh.helm.release.v1.demo.v1", "sh.helm.release.v1.demo.v2");

    List<Release> listed =
        HelmCalls.within(
            HELM_TIMEOUT,
            () -> Helm.list().withNamespace(NAMESPACE).withKubeConfig(kubeconfig).call());
    assertThat(listed)
        .extracting(Release::getName, Release::getRevision, Release::getStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(RELEASE, "2", "deployed"));

    Release status =
        HelmCalls.within(
            HELM_TIMEOUT,
            () -> Helm.status(RELEASE).withNamespace(NAMESPACE).withKubeConfig(kubeconfig).call());
    assertThat(status.getStatus()).isEqualTo("deployed");
    assertThat(status.getRevision()).isEqualTo("2");

    HelmCalls.within(
        HELM_TIMEOUT,
        () -> Helm.uninstall(RELEASE).withNamespace(NAMESPACE).withKubeConfig(kubeconfig).call());

    assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get()).isNull();
    assertThat(client.services().inNamespace(NAMESPACE).withName(RELEASE).get()).isNull();
    assertThat(client.secrets().inNamespace(NAMESPACE).withName("demo-secret").get()).isNull();
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("demo-config").get()).isNull();
    assertThat(releaseSecrets()).isEmpty();
  }

  private String deploymentImage() {
    return client
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withName(RELEASE)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  private List<String> releaseSecrets() {
    return client
        .secrets()
        .inNamespace(NAMESPACE)
        .withLabel("owner", "helm")
        .list()
        .getItems()
        .stream()
        .map(s -> s.getMetadata().getName())
        .toList();
  }

  private static String decoded(Secret secret) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
  }
}

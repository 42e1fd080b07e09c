package dev.opstream.actuator.redis;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.UpgradeCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Helm operations the Redis actuator needs, on the configured chart, each through {@link
 * HelmCalls} (timeout, one at a time per release, signal handlers restored). Values and the
 * kubeconfig are passed as files readable only by this user (helm-java 0.0.21's {@code upgrade}
 * ignores kubeconfig contents passed inline), deleted after the call; values never hold a password.
 * OpenAPI validation is off (the local test API server has no OpenAPI documents; the chart's values
 * schema still applies).
 */
final class HelmOperations {

  private final ChartSource chart;
  private final HelmCalls calls;

  HelmOperations(ChartSource chart, HelmCalls calls) {
    this.chart = chart;
    this.calls = calls;
  }

  /** {@code helm upgrade --install}: installs the release or upgrades it to {@code values}. */
  Release upgradeInstall(
      String cluster, String kubeconfig, String namespace, String release, ReleaseValues values)
      throws Exception {
    Path kubeconfigFile = privateFile("kubeconfig-", ".yaml", kubeconfig);
    Path valuesFile = privateFile("values-", ".json", values.json());
    try {
      return calls.run(
          key(cluster, namespace, release),
          "upgrade --install",
          () -> {
            UpgradeCommand upgrade =
                chart.directory().isPresent()
                    ? new Helm(chart.directory().get()).upgrade()
                    : Helm.upgrade(chart.reference().orElseThrow()).withVersion(chart.version());
            return upgrade
                .install()
                .withName(release)
                .withNamespace(namespace)
                .withKubeConfig(kubeconfigFile)
                .withValuesFile(valuesFile)
                .disableOpenApiValidation()
                .call();
          });
    } finally {
      Files.deleteIfExists(kubeconfigFile);
      Files.deleteIfExists(valuesFile);
    }
  }

  /** {@code helm uninstall}; a release that is already gone is no error. */
  void uninstall(String cluster, String kubeconfig, String namespace, String release)
      throws Exception {
    Path kubeconfigFile = privateFile("kubeconfig-", ".yaml", kubeconfig);
    try {
      calls.run(
          key(cluster, namespace, release),
          "uninstall",
          () ->
              Helm.uninstall(release)
                  .withNamespace(namespace)
                  .withKubeConfig(kubeconfigFile)
                  .ignoreNotFound()
                  .call());
    } finally {
      Files.deleteIfExists(kubeconfigFile);
    }
  }

  /** {@code helm template}: the manifests the release would get, without a cluster. */
  String template(String namespace, String release, ReleaseValues values) throws Exception {
    Path valuesFile = privateFile("values-", ".json", values.json());
    try {
      return calls.run(
          "template/" + namespace + "/" + release,
          "template",
          () -> {
            TemplateCommand template =
                chart.directory().isPresent()
                    ? new Helm(chart.directory().get()).template()
                    : Helm.template(chart.reference().orElseThrow()).withVersion(chart.version());
            return template
                .withName(release)
                .withNamespace(namespace)
                .withValuesFile(valuesFile)
                .call();
          });
    } finally {
      Files.deleteIfExists(valuesFile);
    }
  }

  /** Whether a Helm call on the release is still running (one that timed out may be). */
  boolean running(String cluster, String namespace, String release) {
    return calls.running(key(cluster, namespace, release));
  }

  private static String key(String cluster, String namespace, String release) {
    return cluster + "/" + namespace + "/" + release;
  }

  private static Path privateFile(String prefix, String suffix, String contents)
      throws IOException {
    FileAttribute<?>[] ownerOnly =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    Path file = Files.createTempFile("opstream-redis-" + prefix, suffix, ownerOnly);
    Files.writeString(file, contents, StandardCharsets.UTF_8);
    return file;
  }
}

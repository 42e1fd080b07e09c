package dev.opstream.actuator.redis;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;

/**
 * A JVM that runs {@code helm install --wait} of a chart and never finishes by itself: nothing runs
 * pods on the in-process API server, so the StatefulSet never becomes ready and Helm keeps the
 * release {@code pending-install} while it waits. {@link RedisPendingInstallIT} kills it there, as
 * a crash would.
 *
 * <p>Arguments: kubeconfig file, chart directory, namespace, release, values file.
 */
final class HelmInstallProbe {

  static final String INSTALLING = "helm install started";

  private HelmInstallProbe() {}

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    Path chart = Path.of(args[1]);
    System.out.println(INSTALLING);
    System.out.flush();
    new Helm(chart)
        .install()
        .withName(args[3])
        .withNamespace(args[2])
        .withKubeConfig(kubeconfig)
        .withValuesFile(Path.of(args[4]))
        .disableOpenApiValidation()
        .waitReady()
        .withTimeout(600)
        .call();
    System.out.println("helm install returned: the test expected it to wait");
  }
}

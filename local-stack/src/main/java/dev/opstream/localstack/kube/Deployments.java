package dev.opstream.localstack.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Deployments for tests, benchmarks and the demo, created and changed with the fabric8 client. */
public final class Deployments {

  private final KubernetesClient client;

  public Deployments(KubernetesClient client) {
    this.client = client;
  }

  /** A plain Deployment labelled {@code app: <name>}. */
  public static Deployment deployment(
      String namespace, String name, Map<String, String> annotations) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .addToLabels("app", name)
        .addToAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("nginx:1.27")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  public Deployment create(String namespace, String name, Map<String, String> annotations) {
    return client.resource(deployment(namespace, name, annotations)).create();
  }

  public Deployment edit(String namespace, String name, UnaryOperator<Deployment> change) {
    return client.apps().deployments().inNamespace(namespace).withName(name).edit(change);
  }

  public Deployment annotate(String namespace, String name, String key, String value) {
    return edit(
        namespace,
        name,
        d -> {
          if (value == null) {
            d.getMetadata().getAnnotations().remove(key);
          } else {
            d.getMetadata().getAnnotations().put(key, value);
          }
          return d;
        });
  }

  public Deployment scale(String namespace, String name, int replicas) {
    return edit(
        namespace,
        name,
        d -> {
          d.getSpec().setReplicas(replicas);
          return d;
        });
  }

  public Deployment get(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  public void delete(String namespace, String name) {
    client.apps().deployments().inNamespace(namespace).withName(name).delete();
  }
}

package dev.opstream.e2e;

import dev.opstream.topics.records.AppKey;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Writes the user's side of the world: Deployments and their annotations, in any cluster. */
public final class Deployments {

  private final Map<String, KubernetesClient> clusters;

  public Deployments(Map<String, KubernetesClient> clusters) {
    this.clusters = Map.copyOf(clusters);
  }

  /** Creates the app's Deployment with these annotations. */
  public void create(AppKey app, Map<String, String> annotations) {
    client(app).resource(deployment(app, annotations)).create();
  }

  /** Sets and removes annotations on the app's Deployment. */
  public void annotate(AppKey app, Map<String, String> set, Set<String> remove) {
    client(app)
        .apps()
        .deployments()
        .inNamespace(app.namespace())
        .withName(app.name())
        .edit(
            d -> {
              Map<String, String> annotations =
                  new HashMap<>(
                      d.getMetadata().getAnnotations() == null
                          ? Map.of()
                          : d.getMetadata().getAnnotations());
              annotations.putAll(set);
              remove.forEach(annotations::remove);
              return new DeploymentBuilder(d)
                  .editMetadata()
                  .withAnnotations(annotations)
                  .endMetadata()
                  .build();
            });
  }

  /** Sets annotations on the app's Deployment. */
  public void annotate(AppKey app, Map<String, String> set) {
    annotate(app, set, Set.of());
  }

  /** Deletes the app's Deployment. */
  public void delete(AppKey app) {
    client(app).apps().deployments().inNamespace(app.namespace()).withName(app.name()).delete();
  }

  /** The app's Deployment's annotations now. */
  public Map<String, String> annotations(AppKey app) {
    Deployment d =
        client(app).apps().deployments().inNamespace(app.namespace()).withName(app.name()).get();
    return d == null || d.getMetadata().getAnnotations() == null
        ? Map.of()
        : Map.copyOf(d.getMetadata().getAnnotations());
  }

  private KubernetesClient client(AppKey app) {
    KubernetesClient client = clusters.get(app.cluster());
    if (client == null) {
      throw new IllegalArgumentException("no cluster named " + app.cluster());
    }
    return client;
  }

  static Deployment deployment(AppKey app, Map<String, String> annotations) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(app.name())
        .withNamespace(app.namespace())
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", app.name())
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", app.name())
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(app.name())
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}

package dev.opstream.charts;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;

/** The objects one rendering of the chart produced. */
record Rendered(List<HasMetadata> objects) {

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** All objects of a kind, by the {@code kind} field (for kinds without a model class). */
  List<HasMetadata> kind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + type.getSimpleName() + " " + name + " among " + names(type)));
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  <T extends HasMetadata> List<String> names(Class<T> type) {
    return all(type).stream().map(o -> o.getMetadata().getName()).toList();
  }

  /** Every pod template: Deployments, StatefulSets and Jobs. */
  List<Workload> workloads() {
    List<Workload> deployments =
        all(Deployment.class).stream()
            .map(d -> new Workload(d, d.getSpec().getTemplate()))
            .toList();
    List<Workload> statefulSets =
        all(StatefulSet.class).stream()
            .map(s -> new Workload(s, s.getSpec().getTemplate()))
            .toList();
    List<Workload> jobs =
        all(Job.class).stream().map(j -> new Workload(j, j.getSpec().getTemplate())).toList();
    return java.util.stream.Stream.of(deployments, statefulSets, jobs)
        .flatMap(List::stream)
        .toList();
  }

  /** A Deployment, StatefulSet or Job with its pod template. */
  record Workload(HasMetadata object, PodTemplateSpec template) {
    String name() {
      return object.getMetadata().getName();
    }

    Container container() {
      return template.getSpec().getContainers().get(0);
    }
  }
}

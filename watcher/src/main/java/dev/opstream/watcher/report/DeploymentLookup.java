package dev.opstream.watcher.report;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/** Finds a Deployment the watcher knows (from its informer cache, without calling the API). */
@FunctionalInterface
public interface DeploymentLookup {

  Optional<Deployment> find(String namespace, String name);
}

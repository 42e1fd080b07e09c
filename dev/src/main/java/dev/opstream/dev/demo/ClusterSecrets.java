package dev.opstream.dev.demo;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Secrets of one namespace of a cluster, read through its API, values decoded. */
final class ClusterSecrets implements SecretSource {

  private final KubernetesClient client;
  private final String namespace;

  ClusterSecrets(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  @Override
  public Optional<Map<String, String>> secret(String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return Optional.empty();
    }
    Map<String, String> values = new TreeMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (key, value) ->
                  values.put(
                      key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    return Optional.of(values);
  }
}

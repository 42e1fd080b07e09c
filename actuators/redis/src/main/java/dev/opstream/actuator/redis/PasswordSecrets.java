package dev.opstream.actuator.redis;

import dev.opstream.topics.records.AppKey;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The Redis password Secret of an app: created once with a random password, never changed, never
 * logged, never sent anywhere but the cluster. Labelled {@code app.kubernetes.io/managed-by:
 * opstream}; a Secret without that label is not opstream's and is never touched.
 */
final class PasswordSecrets {

  static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  static final String MANAGED_BY = "opstream";
  static final String APP_ANNOTATION = "opstream.dev/app";

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** 40 characters of 62: about 238 bits, and safe in URLs and shells. */
  private static final int PASSWORD_LENGTH = 40;

  private final SecureRandom random;

  PasswordSecrets(SecureRandom random) {
    this.random = random;
  }

  Optional<Secret> get(KubernetesClient client, String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  /** Creates the Secret with a new random password; fails (409) if it appeared meanwhile. */
  Secret create(KubernetesClient client, AppKey app, String name, String release) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(app.namespace())
            .withLabels(
                Map.of(
                    MANAGED_BY_LABEL,
                    MANAGED_BY,
                    "app.kubernetes.io/name",
                    "redis",
                    "app.kubernetes.io/instance",
                    release))
            .withAnnotations(Map.of(APP_ANNOTATION, app.toString()))
            .endMetadata()
            .withType("Opaque")
            .withImmutable(true)
            .withData(
                Map.of(
                    ReleaseValues.PASSWORD_KEY,
                    Base64.getEncoder()
                        .encodeToString(password().getBytes(StandardCharsets.US_ASCII))))
            .build();
    return client.secrets().inNamespace(app.namespace()).resource(secret).create();
  }

  void delete(KubernetesClient client, String namespace, String name) {
    client.secrets().inNamespace(namespace).withName(name).delete();
  }

  static boolean managed(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return labels != null && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL));
  }

  private String password() {
    char[] password = new char[PASSWORD_LENGTH];
    for (int i = 0; i < password.length; i++) {
      password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(password);
  }
}

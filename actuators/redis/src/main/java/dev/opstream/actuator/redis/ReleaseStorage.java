package dev.opstream.actuator.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads (and, to recover a stuck release, edits) what Helm 3 stores about releases: one Secret per
 * revision, labelled {@code owner=helm}, {@code name}, {@code status}, {@code version}, holding the
 * release as base64 of gzip of JSON. Reading this directly is cheaper than asking Helm and tells
 * opstream everything it compares: status, chart version and values.
 */
final class ReleaseStorage {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

  private final Clock clock;

  ReleaseStorage(Clock clock) {
    this.clock = clock;
  }

  /** The newest revision of {@code release} in {@code namespace}, if Helm stored any. */
  Optional<StoredRelease> latest(KubernetesClient client, String namespace, String release) {
    List<StoredRelease> revisions = revisions(client, namespace, release);
    return revisions.isEmpty()
        ? Optional.empty()
        : Optional.of(revisions.get(revisions.size() - 1));
  }

  /** Every revision of {@code release} in {@code namespace} that Helm stored, oldest first. */
  static List<StoredRelease> revisions(KubernetesClient client, String namespace, String release) {
    return client
        .secrets()
        .inNamespace(namespace)
        .withLabel("owner", "helm")
        .withLabel("name", release)
        .list()
        .getItems()
        .stream()
        .filter(s -> s.getData() != null && s.getData().containsKey("release"))
        .sorted(Comparator.comparingInt(ReleaseStorage::version))
        .map(ReleaseStorage::decode)
        .toList();
  }

  /**
   * Marks a revision left {@code pending-*} by an interrupted Helm run as {@code failed}, which is
   * what Helm itself records when an operation fails, so that the next upgrade may proceed.
   */
  void markFailed(KubernetesClient client, String namespace, StoredRelease stuck, String why) {
    Secret secret = client.secrets().inNamespace(namespace).withName(stuck.secretName()).get();
    if (secret == null) {
      return;
    }
    ObjectNode release = (ObjectNode) payload(secret);
    ObjectNode info = release.withObjectProperty("info");
    info.put("status", StoredRelease.FAILED);
    info.put("description", why);
    secret.getData().put("release", encode(release));
    secret.getMetadata().getLabels().put("status", StoredRelease.FAILED);
    secret
        .getMetadata()
        .getLabels()
        .put("modifiedAt", Long.toString(clock.instant().getEpochSecond()));
    client.secrets().inNamespace(namespace).resource(secret).update();
  }

  /** Decodes one storage Secret. */
  static StoredRelease decode(Secret secret) {
    JsonNode release = payload(secret);
    JsonNode metadata = release.path("chart").path("metadata");
    Map<String, Object> values =
        release.path("config").isObject()
            ? JSON.convertValue(release.path("config"), new TypeReference<Map<String, Object>>() {})
            : new HashMap<>();
    return new StoredRelease(
        secret.getMetadata().getName(),
        release.path("version").asInt(version(secret)),
        release.path("info").path("status").asText(label(secret, "status").orElse("unknown")),
        metadata.path("name").asText(""),
        metadata.path("version").asText(""),
        values,
        modifiedAt(secret, release));
  }

  /** Encodes a release the way Helm does: base64 of gzip of JSON (the Secret adds its base64). */
  static String encode(JsonNode release) {
    try {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
        gzip.write(JSON.writeValueAsBytes(release));
      }
      byte[] helmEncoded = Base64.getEncoder().encode(zipped.toByteArray());
      return Base64.getEncoder().encodeToString(helmEncoded);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The release JSON a storage Secret holds. */
  static JsonNode payload(Secret secret) {
    try {
      byte[] helmEncoded = Base64.getDecoder().decode(secret.getData().get("release"));
      byte[] raw = Base64.getDecoder().decode(new String(helmEncoded, StandardCharsets.US_ASCII));
      if (raw.length > 1 && raw[0] == GZIP_MAGIC[0] && raw[1] == GZIP_MAGIC[1]) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          raw = gzip.readAllBytes();
        }
      }
      return JSON.readTree(raw);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot decode Helm's release record " + secret.getMetadata().getName(), e);
    }
  }

  private static int version(Secret secret) {
    try {
      return Integer.parseInt(label(secret, "version").orElse("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Instant modifiedAt(Secret secret, JsonNode release) {
    Optional<Instant> fromLabel = label(secret, "modifiedAt").flatMap(ReleaseStorage::epochSeconds);
    if (fromLabel.isPresent()) {
      return fromLabel.get();
    }
    String lastDeployed = release.path("info").path("last_deployed").asText("");
    try {
      return lastDeployed.isEmpty() ? Instant.EPOCH : Instant.parse(lastDeployed);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  private static Optional<Instant> epochSeconds(String text) {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> label(Secret secret, String key) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return labels == null ? Optional.empty() : Optional.ofNullable(labels.get(key));
  }
}

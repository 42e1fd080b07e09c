package dev.opstream.actuator.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.RedisSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The values of one app's Redis release, and their digest: SHA-256 of the canonical JSON (keys
 * sorted) of every value except the digest itself. The digest is stored in the release as {@code
 * opstream.valuesDigest}; an installed release with the same chart version and digest needs no
 * upgrade.
 *
 * @param tree the values, digest included, as Helm reads them (JSON is YAML)
 * @param digest the digest, {@code sha256:<hex>}
 */
record ReleaseValues(Map<String, Object> tree, String digest) {

  /** The key, under {@code opstream}, that holds the digest. */
  static final String DIGEST_KEY = "valuesDigest";

  static final String MANAGED_BY = "opstream";
  static final String PASSWORD_KEY = "password";

  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.INDENT_OUTPUT, false);

  ReleaseValues {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * The values for {@code app}'s release.
   *
   * @param secretUid the password Secret's uid (a re-created Secret rolls the pod)
   * @param persistence the volume settings: those the release was installed with, if it exists,
   *     since a StatefulSet's volume claim templates cannot change
   */
  static ReleaseValues desired(
      AppKey app,
      RedisSpec spec,
      RedisActuatorConfig config,
      String secretUid,
      Persistence persistence) {
    long maxmemory = MemorySizing.maxmemoryBytes(spec.memory(), config.maxmemoryPercent());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(
        "image",
        map(
            "repository", config.imageRepository(),
            "tag", config.imageTag(),
            "pullPolicy", "IfNotPresent"));
    values.put(
        "auth",
        map(
            "existingSecret", spec.secretName(),
            "passwordKey", PASSWORD_KEY,
            "secretUid", secretUid));
    values.put("resources", map("memory", spec.memory(), "cpu", config.cpuRequest()));
    values.put(
        "redis",
        map(
            "maxmemory",
            maxmemory,
            "maxmemoryPolicy",
            config.maxmemoryPolicy(),
            "appendonly",
            true));
    values.put(
        "persistence",
        map(
            "size", persistence.size(),
            "storageClass", persistence.storageClass(),
            "deleteOnUninstall", true));
    values.put("opstream", map("managedBy", MANAGED_BY, "app", app.toString()));
    String digest = digest(values);
    @SuppressWarnings("unchecked")
    Map<String, Object> opstream = (Map<String, Object>) values.get("opstream");
    opstream.put(DIGEST_KEY, digest);
    return new ReleaseValues(values, digest);
  }

  /** The values as JSON, for a Helm values file. */
  String json() {
    try {
      return CANONICAL.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code sha256:<hex>} of the canonical JSON of {@code values}. */
  static String digest(Map<String, Object> values) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(values).getBytes(StandardCharsets.UTF_8);
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /**
   * The volume settings of a release.
   *
   * @param size the volume size
   * @param storageClass the StorageClass, empty for the cluster default
   */
  record Persistence(String size, String storageClass) {

    Persistence {
      Objects.requireNonNull(size, "size");
      Objects.requireNonNull(storageClass, "storageClass");
    }

    /** The configured settings, for a new release. */
    static Persistence configured(RedisActuatorConfig config) {
      return new Persistence(config.persistenceSize(), config.storageClass());
    }

    /** The settings an installed release was given, if its values hold them. */
    static Optional<Persistence> of(Map<String, Object> releaseValues) {
      if (releaseValues.get("persistence") instanceof Map<?, ?> persistence
          && persistence.get("size") instanceof String size
          && !size.isBlank()) {
        Object storageClass = persistence.get("storageClass");
        return Optional.of(new Persistence(size, storageClass instanceof String s ? s : ""));
      }
      return Optional.empty();
    }
  }
}

package dev.opstream.backup.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code manifest.json}. The mapping is explicit so the stored format never
 * changes by accident; unknown fields are ignored, a newer {@code formatVersion} is refused.
 */
public final class ManifestJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestJson() {}

  public static byte[] write(Manifest manifest) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", manifest.formatVersion());
    root.put("id", manifest.id().value());
    root.put("mode", manifest.mode().label());
    root.put("dataObject", manifest.dataObject());
    root.put("compression", "zstd");
    root.put("redisVersion", manifest.redisVersion());
    ArrayNode databases = root.putArray("databases");
    manifest.databases().forEach(databases::add);
    root.put("keys", manifest.keys());
    root.put("uncompressedBytes", manifest.uncompressedBytes());
    root.put("bytes", manifest.bytes());
    root.put("sha256", manifest.sha256());
    root.put("started", manifest.started().toString());
    root.put("finished", manifest.finished().toString());
    root.put("tool", manifest.tool());
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a manifest", e);
    }
  }

  /**
   * The manifest in {@code json}.
   *
   * @throws InvalidManifestException if it is not a manifest this version can read
   */
  public static Manifest read(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (Exception e) {
      throw new InvalidManifestException(
          "not JSON: " + new String(json, 0, Math.min(json.length, 80), StandardCharsets.UTF_8));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidManifestException("not a JSON object");
    }
    int formatVersion = (int) number(root, "formatVersion");
    if (formatVersion < 1 || formatVersion > Manifest.FORMAT_VERSION) {
      throw new InvalidManifestException(
          "format version "
              + formatVersion
              + " (this opstream reads up to "
              + Manifest.FORMAT_VERSION
              + ")");
    }
    try {
      List<Integer> databases = new ArrayList<>();
      JsonNode dbs = root.path("databases");
      if (!dbs.isArray()) {
        throw new InvalidManifestException("databases is not a list");
      }
      dbs.forEach(db -> databases.add(db.asInt()));
      return new Manifest(
          formatVersion,
          new BackupId(text(root, "id")),
          BackupMode.parse(text(root, "mode")),
          text(root, "redisVersion"),
          databases,
          number(root, "keys"),
          number(root, "uncompressedBytes"),
          number(root, "bytes"),
          text(root, "sha256"),
          Instant.parse(text(root, "started")),
          Instant.parse(text(root, "finished")),
          text(root, "tool"));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidManifestException(e.getMessage());
    }
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual()) {
      throw new InvalidManifestException("field " + field + " is missing or not text");
    }
    return node.asText();
  }

  private static long number(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isIntegralNumber()) {
      throw new InvalidManifestException("field " + field + " is missing or not a whole number");
    }
    return node.asLong();
  }

  /** A manifest that cannot be read: the backup it belongs to is not good. */
  public static final class InvalidManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidManifestException(String message) {
      super(message);
    }
  }
}

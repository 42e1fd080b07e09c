package dev.opstream.topics.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opstream.topics.serde.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deterministic action ids: the first {@value #LENGTH} hex digits (128 bits) of the SHA-256 of the
 * canonical JSON of {@code {app, deploymentUid, spec, type}}. The same decision about the same
 * Deployment always gets the same id; a changed spec, another Deployment uid or another action type
 * gets another. The attempt is never part of it.
 */
public final class ActionId {

  /** Length of an action id in hex digits. */
  public static final int LENGTH = 32;

  private static final JsonMapper CANONICAL = Json.newCanonicalMapper();

  private ActionId() {}

  /**
   * The id of the action of {@code type} on {@code app}'s Deployment {@code deploymentUid} with the
   * desired {@code spec} (any value Jackson can write: a spec record or a map).
   */
  public static String of(AppKey app, String deploymentUid, ActionType type, Object spec) {
    Checks.required(app, "app");
    Checks.requiredText(deploymentUid, "deploymentUid");
    Checks.required(type, "type");
    Checks.required(spec, "spec");
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("app", app.toString());
    identity.put("deploymentUid", deploymentUid);
    identity.put("spec", spec);
    identity.put("type", type.name());
    byte[] digest = sha256(canonicalJson(identity).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, LENGTH);
  }

  /** The canonical JSON of a value: sorted properties and keys, no nulls, no whitespace. */
  public static String canonicalJson(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write canonical JSON of " + value, e);
    }
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

package dev.opstream.e2e.world;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing opstream manages, as the world holds it or as it must be: its kind, its identity and
 * the facts about its content that the check compares (an owner marker's fields, a release's
 * values, a CronJob's schedule and command...). Facts are text, sorted by name, so two resources
 * compare equal exactly when every fact does and a difference can be named fact by fact.
 *
 * @param kind what it is
 * @param id its name: the bucket's name, or {@code cluster/namespace/name} in a cluster
 * @param facts what it holds, by fact name
 */
public record Resource(Kind kind, String id, Map<String, String> facts) {

  /** The kinds of things opstream creates. */
  public enum Kind {
    /** An S3 bucket, with its owner marker. */
    BUCKET,
    /** A Helm release (its newest revision as Helm stored it). */
    HELM_RELEASE,
    /** The Redis password Secret {@code <name>-redis-auth}. */
    PASSWORD_SECRET,
    /** The StatefulSet the Redis chart installs. */
    STATEFULSET,
    /** A Service the Redis chart installs. */
    SERVICE,
    /** The backup CronJob {@code <name>-redis-backup}. */
    CRONJOB
  }

  public Resource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
  }

  /** The key a world holds this resource under: kind and id. */
  public String key() {
    return key(kind, id);
  }

  static String key(Kind kind, String id) {
    return kind + " " + id;
  }

  /** The id of a namespaced object: {@code cluster/namespace/name}. */
  public static String objectId(String cluster, String namespace, String name) {
    return cluster + "/" + namespace + "/" + name;
  }
}

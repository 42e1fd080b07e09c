package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * An app's identity, {@code cluster/namespace/name}: the key of every record on every opstream
 * topic, so one app's records stay in order on one partition.
 *
 * <p>The cluster and the namespace are DNS-1123 labels (lower case letters, digits and '-', at most
 * 63 characters), the name a DNS-1123 subdomain (labels joined by '.', at most 253 characters), as
 * Kubernetes requires for a Deployment. None can contain '/', so {@link #parse} is unambiguous. In
 * JSON an app key is the string form.
 */
public record AppKey(String cluster, String namespace, String name) implements Comparable<AppKey> {

  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

  public AppKey {
    cluster = label(cluster, "cluster");
    namespace = label(namespace, "namespace");
    name = Checks.required(name, "name");
    if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      throw Checks.invalid(
          "name",
          "'"
              + name
              + "' is not a valid Deployment name (lower case letters, digits, '-' and '.',"
              + " at most 253 characters, starting and ending with a letter or digit)");
    }
  }

  /**
   * Parses {@code cluster/namespace/name}.
   *
   * @throws RecordValidationException with a message naming the bad part
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static AppKey parse(String text) {
    Checks.required(text, "key");
    String[] parts = text.split("/", -1);
    if (parts.length != 3) {
      throw Checks.invalid(
          "key", "'" + text + "' is not an app key of the form cluster/namespace/name");
    }
    return new AppKey(parts[0], parts[1], parts[2]);
  }

  /** {@code cluster/namespace/name}. */
  @JsonValue
  @Override
  public String toString() {
    return cluster + "/" + namespace + "/" + name;
  }

  @Override
  public int compareTo(AppKey other) {
    return toString().compareTo(other.toString());
  }

  private static String label(String value, String field) {
    Checks.required(value, field);
    if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
      throw Checks.invalid(
          field,
          "'"
              + value
              + "' is not a valid "
              + field
              + " (lower case letters, digits and '-', at most 63 characters,"
              + " starting and ending with a letter or digit)");
    }
    return value;
  }
}

package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A resource as seen (or as wanted): whether it exists, whether opstream owns it, and the
 * attributes that matter for comparing it with the desired spec, named like the spec's fields (for
 * example {@code memory} for a Redis release, {@code schedule} for a CronJob).
 *
 * @param exists whether the resource exists
 * @param managedByOpstream whether it carries opstream's ownership label or tag (an actuator never
 *     deletes or changes what it does not own)
 * @param attributes the compared attributes, sorted by name
 */
public record ResourceState(
    @JsonProperty(required = true) boolean exists,
    @JsonProperty(required = true) boolean managedByOpstream,
    Map<String, String> attributes) {

  public ResourceState {
    attributes = Checks.sortedMapOrEmpty(attributes, "attributes");
  }

  /** A resource that does not exist. */
  public static ResourceState absent() {
    return new ResourceState(false, false, Map.of());
  }

  /** An existing resource that opstream owns. */
  public static ResourceState managed(Map<String, String> attributes) {
    return new ResourceState(true, true, attributes);
  }
}

package dev.opstream.planner.core;

import dev.opstream.topics.records.ResourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares a resource as wanted with the resource as an actuator saw it. */
final class Drift {

  private Drift() {}

  /**
   * What differs, in words, or null when nothing does. Existence and ownership are always compared;
   * attributes only where both sides name them (an actuator reports what it can see).
   */
  static String between(ResourceState wanted, ResourceState seen) {
    if (seen == null) {
      return null;
    }
    if (wanted.exists() != seen.exists()) {
      return wanted.exists() ? "it does not exist" : "it still exists";
    }
    if (!wanted.exists()) {
      return null;
    }
    List<String> differences = new ArrayList<>();
    if (wanted.managedByOpstream() && !seen.managedByOpstream()) {
      differences.add("it is not labelled as managed by opstream");
    }
    for (Map.Entry<String, String> attribute : wanted.attributes().entrySet()) {
      String found = seen.attributes().get(attribute.getKey());
      if (found != null && !found.equals(attribute.getValue())) {
        differences.add(attribute.getKey() + " is " + found + ", wanted " + attribute.getValue());
      }
    }
    return differences.isEmpty() ? null : String.join(", ", differences);
  }
}

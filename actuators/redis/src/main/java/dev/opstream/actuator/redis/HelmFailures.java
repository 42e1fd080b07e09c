package dev.opstream.actuator.redis;

import dev.opstream.actuator.runner.ActuatorException;
import java.util.List;
import java.util.Locale;

/**
 * Turns Helm errors into retryable or permanent {@link ActuatorException}s (Kubernetes API errors:
 * {@code KubernetesFailures} in the runner).
 */
final class HelmFailures {

  /** Helm errors that retrying the same action cannot fix. */
  private static final List<String> PERMANENT_HELM_ERRORS =
      List.of(
          // an object the chart renders exists and belongs to no release of this name
          "cannot be imported into the current release",
          "invalid ownership metadata",
          // the values break the chart's values.schema.json
          "values don't meet the specifications of the schema",
          // a field that cannot change (StatefulSet volume claim templates, selectors)
          "field is immutable",
          "updates to statefulset spec for fields other than",
          // the chart cannot be found or parsed
          "chart not found",
          "parse error");

  private HelmFailures() {}

  /** A failed Helm operation. */
  static ActuatorException of(String operation, String release, Exception e) {
    if (e instanceof ActuatorException actuator) {
      return actuator;
    }
    String message = String.valueOf(e.getMessage()).strip();
    String lower = message.toLowerCase(Locale.ROOT);
    boolean permanent = PERMANENT_HELM_ERRORS.stream().anyMatch(lower::contains);
    String text = "Helm " + operation + " of release " + release + " failed: " + message;
    return permanent
        ? new ActuatorException(ActuatorException.Reason.PERMANENT, text, e)
        : ActuatorException.retryable(text, e);
  }
}

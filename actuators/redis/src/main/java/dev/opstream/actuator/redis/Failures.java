package dev.opstream.actuator.redis;

import dev.opstream.actuator.runner.ActuatorException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Locale;

/** Turns Helm and Kubernetes errors into retryable or permanent {@link ActuatorException}s. */
final class Failures {

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

  private Failures() {}

  /** A failed Helm operation. */
  static ActuatorException helm(String operation, String release, Exception e) {
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

  /** A failed Kubernetes API call. */
  static ActuatorException kubernetes(String what, KubernetesClientException e) {
    int code = e.getCode();
    String text = what + " failed (HTTP " + code + "): " + e.getMessage();
    // 403: RBAC does not allow it; 422 / 400: the object is invalid. Neither passes by retrying.
    boolean permanent = code == 403 || code == 422 || code == 400;
    return permanent
        ? new ActuatorException(ActuatorException.Reason.PERMANENT, text, e)
        : ActuatorException.retryable(text, e);
  }
}

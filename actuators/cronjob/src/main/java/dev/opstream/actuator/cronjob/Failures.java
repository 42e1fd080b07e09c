package dev.opstream.actuator.cronjob;

import dev.opstream.actuator.runner.ActuatorException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns Kubernetes errors into retryable or permanent {@link ActuatorException}s. */
final class Failures {

  private Failures() {}

  /** A failed Kubernetes API call. */
  static ActuatorException kubernetes(String what, KubernetesClientException e) {
    int code = e.getCode();
    String text = what + " failed (HTTP " + code + "): " + e.getMessage();
    // 403: RBAC does not allow it; 422 / 400: the object is invalid (a bad schedule or time
    // zone). Neither passes by retrying.
    boolean permanent = code == 403 || code == 422 || code == 400;
    return permanent
        ? new ActuatorException(ActuatorException.Reason.PERMANENT, text, e)
        : ActuatorException.retryable(text, e);
  }
}

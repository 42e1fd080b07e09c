package dev.opstream.actuator.runner.clusters;

import dev.opstream.actuator.runner.ActuatorException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns a failed Kubernetes API call into a retryable or permanent {@link ActuatorException}, the
 * same way for every actuator that acts in a cluster.
 */
public final class KubernetesFailures {

  private KubernetesFailures() {}

  /**
   * {@code what} failed with {@code e}: permanent for 403 (RBAC does not allow it), 400 and 422
   * (the object is invalid, e.g. a bad schedule or time zone), which retrying cannot fix; retryable
   * otherwise (conflicts, server errors, no answer).
   */
  public static ActuatorException of(String what, KubernetesClientException e) {
    int code = e.getCode();
    String text = what + " failed (HTTP " + code + "): " + e.getMessage();
    boolean permanent = code == 403 || code == 422 || code == 400;
    return permanent
        ? new ActuatorException(ActuatorException.Reason.PERMANENT, text, e)
        : ActuatorException.retryable(text, e);
  }
}
